using Spona.Web.Features.ActionPlans;
using Spona.Web.Features.ReferenceData;
using Spona.Web.Features.Strategy;
using Spona.Web.Features.Users;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Platform;

/// <summary>Modules declare their permissions and rows of the role table from their own folders; the table is assembled from them.</summary>
public sealed class PermissionDeclarationTests
{
    [Fact]
    public void TheRoleTable_IsAssembledFromEveryDeclaration_InTheirOrder()
    {
        var declarers = typeof(RolePermissions).Assembly.GetTypes()
            .Where(t => typeof(IDeclarePermissions).IsAssignableFrom(t) && !t.IsInterface).ToList();

        // Found by type: the four modules with permissions, and the platform.
        Assert.Contains(typeof(StrategyPermissions), declarers);
        Assert.Contains(typeof(ReferenceDataPermissions), declarers);
        Assert.Contains(typeof(UsersPermissions), declarers);
        Assert.Contains(typeof(ActionPlansPermissions), declarers);
        Assert.Equal(5, declarers.Count);
        Assert.Equal(
            [StrategyPermissions.Read, StrategyPermissions.Amend, ReferenceDataPermissions.Read, ReferenceDataPermissions.Manage, UsersPermissions.Manage, UsersPermissions.RolesRead,
             ActionPlansPermissions.Read, ActionPlansPermissions.ReadAll, ActionPlansPermissions.Manage, ActionPlansPermissions.Report, ActionPlansPermissions.Monitor,
             Permissions.ApiTokensUse, Permissions.NotificationsRead, Permissions.TasksWork, Permissions.TasksSupervise, Permissions.AccessBreakGlass, Permissions.AccessReview,
             Permissions.AuditRead, Permissions.FilesRead, Permissions.FilesAttach],
            Permissions.All);
        Assert.Equal(Permissions.All, RolePermissions.Declarations.Select(d => d.Name));
        Assert.Equal("Manage reference data", RolePermissions.LabelOf(ReferenceDataPermissions.Manage));
        Assert.Equal([Roles.SystemAdministrator], RolePermissions.RolesWith(UsersPermissions.Manage));
        Assert.Equal("Unknown.Permission", RolePermissions.LabelOf("Unknown.Permission"));
    }

    [Fact]
    public void EveryDeclaredLabel_HasAllFiveTranslations()
    {
        var catalog = Spona.Web.Platform.Localization.TranslationCatalog.LoadEmbedded();

        var untranslated = RolePermissions.Declarations
            .Where(d => Spona.Web.Platform.Localization.SupportedCultures.Names.Any(culture => catalog.Find(d.Label, culture) is null))
            .Select(d => d.Name).ToList();

        Assert.True(untranslated.Count == 0, "Labels without all five languages: " + string.Join(", ", untranslated));
    }

    [Fact]
    public void APermissionDeclaredTwice_StopsTheStart() =>
        Assert.Contains("declared by more than one module",
            Assert.Throws<InvalidOperationException>(() => RolePermissions.Assemble([typeof(ReadsTheStrategyToo), typeof(StrategyPermissions)])).Message, StringComparison.Ordinal);

    [Fact]
    public void ARoleThatDoesNotExist_StopsTheStart() =>
        Assert.Contains("does not exist",
            Assert.Throws<InvalidOperationException>(() => RolePermissions.Assemble([typeof(GivesAnUnknownRole)])).Message, StringComparison.Ordinal);

    [Fact]
    public void ADeclarationWithoutRoles_StopsTheStart() =>
        Assert.Contains("without a name, a label or roles",
            Assert.Throws<InvalidOperationException>(() => RolePermissions.Assemble([typeof(GivesNoRole)])).Message, StringComparison.Ordinal);

    private sealed class ReadsTheStrategyToo : IDeclarePermissions
    {
        public int Order => 1;

        public IReadOnlyList<PermissionDeclaration> Permissions { get; } = [new(StrategyPermissions.Read, "Read", [Roles.Analyst])];
    }

    private sealed class GivesAnUnknownRole : IDeclarePermissions
    {
        public int Order => 1;

        public IReadOnlyList<PermissionDeclaration> Permissions { get; } = [new("Test.Something", "Do something", ["Overlord"])];
    }

    private sealed class GivesNoRole : IDeclarePermissions
    {
        public int Order => 1;

        public IReadOnlyList<PermissionDeclaration> Permissions { get; } = [new("Test.Nothing", "Do nothing", [])];
    }
}
