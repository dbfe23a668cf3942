using System.Reflection;
using System.Runtime.CompilerServices;
using Spona.Tests.Infrastructure;

namespace Spona.Tests.Platform;

/// <summary>The conventions of docs/architecture.md that a compiler does not check.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly App = typeof(Program).Assembly;

    [Fact]
    public void Classes_AreSealedStaticOrAbstract()
    {
        var classes = App.GetTypes()
            .Where(t => t.IsClass && t != typeof(Program))
            .Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null && !t.Name.Contains('<', StringComparison.Ordinal))
            .Where(t => t.Namespace?.StartsWith("Spona.", StringComparison.Ordinal) == true)
            .ToList();
        var open = classes.Where(t => !t.IsSealed && !t.IsAbstract).Select(t => t.FullName).ToList();

        Assert.True(classes.Count > 50, $"only {classes.Count} classes examined");
        Assert.True(open.Count == 0, "Not sealed: " + string.Join(", ", open));
    }

    /// <summary>
    /// A module reaches another only through Shared, or through the other's declared contract: its permissions class
    /// (<see cref="Spona.Web.Platform.Authorization.IDeclarePermissions"/>), whose constants name the other's policies,
    /// and the read services and records it marks <see cref="Spona.Web.Platform.Modules.IModuleContract"/>. A file that
    /// imports another module may name no other type of it.
    /// </summary>
    [Fact]
    public void Modules_UseEachOtherOnlyThroughSharedOrTheirDeclaredPermissions()
    {
        var features = Path.Combine(SourceTree.WebProject, "Features");
        var modules = Directory.GetDirectories(features).Select(Path.GetFileName).Where(m => m != "Shared").ToList();
        var violations = new List<string>();
        foreach (var module in modules)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(features, module!), "*.cs*", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                foreach (var other in modules.Where(other => other != module && text.Contains($"Spona.Web.Features.{other}", StringComparison.Ordinal)))
                {
                    // A name the file's own module also has (every module has an IndexModel) is its own.
                    var own = App.GetTypes().Where(t => t.Namespace == $"Spona.Web.Features.{module}").Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
                    var types = App.GetTypes().Where(t => t.Namespace == $"Spona.Web.Features.{other}" && !t.IsNested && !t.Name.Contains('<', StringComparison.Ordinal) && !own.Contains(t.Name)).ToList();
                    var named = types.Where(t => System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{t.Name.Split('`')[0]}\b")).ToList();
                    var outsideContract = named.Where(t => !typeof(Spona.Web.Platform.Authorization.IDeclarePermissions).IsAssignableFrom(t) && !typeof(Spona.Web.Platform.Modules.IModuleContract).IsAssignableFrom(t))
                        .Select(t => t.Name).ToList();
                    if (named.Count == 0 || outsideContract.Count > 0)
                    {
                        violations.Add($"{Path.GetRelativePath(features, file)} uses {other}" + (outsideContract.Count > 0 ? ": " + string.Join(", ", outsideContract) : string.Empty));
                    }
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Entities_WithAnIntVersion_AreVersioned()
    {
        // The model, not the source text: an entity whose int Version is not IVersioned would keep a version that
        // nothing raises and no UPDATE checks (a silent overwrite, S12).
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Spona.Web.Platform.Persistence.AppDbContext>();
        Spona.Web.Platform.Persistence.PersistenceSetup.Configure(options, new Spona.Web.Platform.Configuration.SponaSettings(
            Spona.Web.Platform.Configuration.DatabaseProvider.Sqlite, "Data Source=:memory:", Path.GetTempPath()));
        using var db = new Spona.Web.Platform.Persistence.AppDbContext(options.Options);
        var entities = db.Model.GetEntityTypes().Where(e => !e.IsOwned()).ToList();
        var withVersion = entities.Where(e => e.ClrType.GetProperty("Version")?.PropertyType == typeof(int)).ToList();

        var unversioned = withVersion.Where(e => !typeof(Spona.Web.Platform.Persistence.IVersioned).IsAssignableFrom(e.ClrType)).Select(e => e.ClrType.Name).ToList();
        var noToken = entities.Where(e => typeof(Spona.Web.Platform.Persistence.IVersioned).IsAssignableFrom(e.ClrType) && e.FindProperty("Version")?.IsConcurrencyToken != true)
            .Select(e => e.ClrType.Name).ToList();

        Assert.True(withVersion.Count >= 3, $"only {withVersion.Count} entities with a version found");
        Assert.True(unversioned.Count == 0, "An int Version without IVersioned: " + string.Join(", ", unversioned));
        Assert.True(noToken.Count == 0, "IVersioned without a concurrency token: " + string.Join(", ", noToken));
    }

    [Fact]
    public void Platform_HoldsNoPages()
    {
        var pages = Directory.EnumerateFiles(Path.Combine(SourceTree.WebProject, "Platform"), "*.cshtml", SearchOption.AllDirectories).ToList();

        Assert.Empty(pages);
    }
}
