using Spona.Tests.Infrastructure;
using Spona.Web.Features.ActionPlans;
using Spona.Web.Features.Users;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Web;

namespace Spona.Tests.Platform;

/// <summary>
/// The main menu is what the modules declare (<see cref="MenuEntry"/>), shown by permission, in order, with the
/// current section marked; the layout names no module.
/// </summary>
public sealed class MainMenuTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Where each declared entry leads and who sees it: the permission, or everyone signed in.</summary>
    private static readonly (string Href, string? Permission, string? HiddenWith)[] Declared =
    [
        ("/tasks", Permissions.TasksWork, null),
        ("/strategy", null, null),
        ("/action-plans", ActionPlansPermissions.Read, null),
        ("/reference", null, null),
        ("/admin/users", UsersPermissions.Manage, null),
        ("/admin/roles", UsersPermissions.RolesRead, UsersPermissions.Manage),
        ("/audit", Permissions.AuditRead, null),
    ];

    private static async Task<List<string>> MenuAsync(HttpClient client, string url = "/") =>
        [.. (await Html.GetAsync(client, url)).QuerySelectorAll(".site-nav a").Select(a => a.GetAttribute("href")!)];

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task EachRole_SeesTheEntriesItsPermissionsAllow_InTheModulesOrder(string role)
    {
        var client = await app.SignedInClientAsync(role);
        var permissions = RolePermissions.PermissionsOf(role);

        var menu = await MenuAsync(client);

        var expected = Declared.Where(d => (d.Permission is null || permissions.Contains(d.Permission)) && (d.HiddenWith is null || !permissions.Contains(d.HiddenWith)))
            .Select(d => d.Href).Prepend("/").Append("/scalar/v1").Append("/notifications");
        Assert.Equal(expected, menu);
    }

    public static TheoryData<string> AllRoles() => [.. Roles.All];

    [Fact]
    public async Task TheRolesThatDiffer_SeeWhatTheyNeed()
    {
        Assert.DoesNotContain("/tasks", await MenuAsync(await app.SignedInClientAsync(Roles.Analyst)));
        var admin = await MenuAsync(await app.SignedInClientAsync(Roles.SystemAdministrator));
        Assert.Contains("/admin/users", admin);
        Assert.DoesNotContain("/admin/roles", admin);
        Assert.Contains("/audit", await MenuAsync(await app.SignedInClientAsync(Roles.Auditor)));
    }

    [Fact]
    public async Task TheCurrentSection_IsMarked_AndTheLabelIsTranslated()
    {
        var client = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var page = await Html.GetAsync(client, "/admin/roles?culture=hr");

        var current = page.QuerySelectorAll(".site-nav a[aria-current=page]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/admin/users"], current);
        Assert.Equal("Strategija", page.QuerySelector(".site-nav a[href='/strategy']")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("tasks")]
    public void AnEntry_LeadsOnlyToALocalAddress(string href) =>
        Assert.Throws<ArgumentException>(() => new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddMenuEntry(new MenuEntry(href, "Tasks", 1)));
}
