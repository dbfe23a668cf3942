using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Features.Users;

/// <summary>Invite → activate → enroll → work; roles, disable, reset second factor; the rules administrators cannot break.</summary>
public sealed class UserAdministrationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string NewEmail() => $"invited-{Guid.NewGuid():N}@example.test";

    private static async Task<(JsonElement Body, string Email)> InviteAsync(HttpClient admin, params string[] roles)
    {
        var email = NewEmail();
        var body = await admin.PostJsonAsync("/api/v1/users", new { email, displayName = "Synthetic Person", institution = "MSB", jurisdiction = "BA-BIH", roles }, HttpStatusCode.Created);
        return (body, email);
    }

    [Fact]
    public async Task InvitedPerson_ActivatesEnrollsAndWorks_AndTheLinkWorksOnce()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var (invitation, email) = await InviteAsync(admin, Roles.MonitoringTeamMember);
        var link = new Uri(invitation.GetProperty("activationUrl").GetString()!);

        var person = app.Factory.CreateBrowser();
        var page = await Html.GetAsync(person, link.PathAndQuery);
        var weak = await Html.SubmitAsync(person, page, "main form", new Dictionary<string, string> { ["Input.Password"] = "password12345", ["Input.ConfirmPassword"] = "password12345" });
        Assert.Contains("too common", (await Html.ParseAsync(weak)).Text(".field-error"), StringComparison.Ordinal);
        var done = await Html.SubmitAsync(person, page, "main form", new Dictionary<string, string> { ["Input.Password"] = AppFixture.Password, ["Input.ConfirmPassword"] = AppFixture.Password });
        Assert.Equal("/account/sign-in?activated=True", done.Headers.Location?.OriginalString);

        await Html.SignInAndEnrollAsync(person, email, AppFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);

        var stranger = app.Factory.CreateBrowser();
        var again = await Html.SubmitAsync(stranger, await Html.GetAsync(stranger, link.PathAndQuery), "main form", new Dictionary<string, string> { ["Input.Password"] = "another long passphrase here", ["Input.ConfirmPassword"] = "another long passphrase here" });
        Assert.Contains("not valid any more", (await Html.ParseAsync(again)).Text(".error-summary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersPages_ListInviteAndDetail_WorkForTheAdministrator()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var invitePage = await Html.GetAsync(admin, "/admin/users/invite");
        var email = NewEmail();
        var created = await Html.SubmitAsync(admin, invitePage, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "Page Person",
            ["Input.Institution"] = "MSB",
            ["Input.Jurisdiction"] = "",
            ["Input.Roles"] = Roles.Analyst,
        });
        Assert.Contains("/account/activate?user=", (await Html.ParseAsync(created)).Text(".activation-link"), StringComparison.Ordinal);

        var list = await Html.SearchUsersAsync(admin, email);
        Assert.Single(list.QuerySelectorAll("tbody tr"));
        var detail = await Html.GetAsync(admin, list.QuerySelector("tbody a")!.GetAttribute("href")!);
        Assert.Equal("Page Person", detail.Text("h1"));
        var saved = await Html.SubmitAsync(admin, detail, "form[action*='handler=Roles']", new Dictionary<string, string> { ["Roles"] = Roles.MonitoringTeamMember, ["Reason"] = "Synthetic test: a change of duties" });
        Assert.Contains("roles were saved", (await Html.ParseAsync(saved)).Text(".notice-success"), StringComparison.Ordinal);
        var view = await admin.GetJsonAsync($"/api/v1/users/{await app.UserIdAsync(email)}");
        Assert.Equal([Roles.MonitoringTeamMember], view.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var empty = await Html.SearchUsersAsync(admin, "nobody-" + Guid.NewGuid().ToString("N"));
        Assert.NotNull(empty.QuerySelector(".empty-state"));
        var roles = await Html.GetAsync(admin, "/admin/roles");
        Assert.Equal(Permissions.All.Count, roles.QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task BadQueryParameters_OnTheNewPages_ShowTheUnfilteredList_NeverAnError()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var auditor = await app.SignedInClientAsync(Roles.Auditor);

        var users = await Html.GetAsync(admin, "/admin/users?sort=password&p=-5&status=nope&role=God&qs=" + new string('x', 500));
        var review = await Html.GetAsync(auditor, "/access/break-glass?p=abc");
        var detail = await admin.GetAsync(new Uri("/admin/users/not-a-guid", UriKind.Relative));
        var missing = await admin.GetAsync(new Uri($"/admin/users/{Guid.NewGuid()}", UriKind.Relative));

        Assert.NotEmpty(users.QuerySelectorAll("tbody tr"));
        Assert.NotNull(review.QuerySelector("h1"));
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task BadInvitations_GetClearErrors_AndCreateNothing()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = NewEmail();

        var noRole = await admin.PostJsonAsync("/api/v1/users", new { email, displayName = "X", institution = "MSB", roles = Array.Empty<string>() }, HttpStatusCode.BadRequest);
        var mixed = await admin.PostJsonAsync("/api/v1/users", new { email, displayName = "X", institution = "MSB", roles = new[] { Roles.SystemAdministrator, Roles.CaseWorker } }, HttpStatusCode.BadRequest);
        var unknownRole = await admin.PostJsonAsync("/api/v1/users", new { email, displayName = "X", institution = "MSB", roles = new[] { "Superuser" } }, HttpStatusCode.BadRequest);
        var noInstitution = await admin.PostJsonAsync("/api/v1/users", new { email, displayName = "X", institution = "NOPE", roles = new[] { Roles.Analyst } }, HttpStatusCode.BadRequest);
        var badEmail = await admin.PostJsonAsync("/api/v1/users", new { email = "not-an-address", displayName = "X", institution = "MSB", roles = new[] { Roles.Analyst } }, HttpStatusCode.BadRequest);
        await admin.PostRawAsync("/api/v1/users", "{not json", HttpStatusCode.BadRequest);

        Assert.True(noRole.GetProperty("errors").TryGetProperty("Roles", out _));
        Assert.Contains("cannot be combined", mixed.GetProperty("errors").GetProperty("Roles")[0].GetString(), StringComparison.Ordinal);
        Assert.True(unknownRole.GetProperty("errors").TryGetProperty("Roles", out _));
        Assert.True(noInstitution.GetProperty("errors").TryGetProperty("Institution", out _));
        Assert.Equal(JsonValueKind.Object, badEmail.GetProperty("errors").ValueKind);
        var list = await admin.PostJsonAsync("/api/v1/users/search", new { search = email }, HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        await admin.GetJsonAsync("/api/v1/users?sort=password", HttpStatusCode.BadRequest);
        await admin.GetJsonAsync("/api/v1/users?role=God", HttpStatusCode.BadRequest);
        await admin.GetJsonAsync($"/api/v1/users/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Administrator_CannotChangeOrDisableThemselves()
    {
        var email = await app.CreateUserAsync(Roles.SystemAdministrator);
        var admin = app.Factory.CreateBrowser();
        await Html.SignInAsync(admin, email, AppFixture.Password);
        var me = await app.UserIdAsync(email);

        var roles = await admin.PutJsonAsync($"/api/v1/users/{me}/roles", new { roles = new[] { Roles.Auditor }, reason = "Synthetic test: a change of duties" }, HttpStatusCode.BadRequest);
        await admin.PostJsonAsync($"/api/v1/users/{me}/disable", new { }, HttpStatusCode.BadRequest);
        await admin.PostJsonAsync($"/api/v1/users/{me}/reset-second-factor", new { }, HttpStatusCode.BadRequest);

        Assert.Contains("own roles", roles.GetProperty("errors").GetProperty("Roles")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/api/v1/users", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Disabling_EndsSessionsAtOnce_AndEnablingLetsThePersonBackIn()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = await app.CreateUserAsync(Roles.Analyst);
        var person = app.Factory.CreateBrowser();
        await Html.SignInAsync(person, email, AppFixture.Password);
        var id = await app.UserIdAsync(email);

        var disabled = await admin.PostJsonAsync($"/api/v1/users/{id}/disable", new { }, HttpStatusCode.OK);

        Assert.True(disabled.GetProperty("isDisabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
        var refused = await Html.SubmitPasswordAsync(app.Factory.CreateBrowser(), email, AppFixture.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        await admin.PostJsonAsync($"/api/v1/users/{id}/enable", new { }, HttpStatusCode.OK);
        await Html.SignInAsync(app.Factory.CreateBrowser(), email, AppFixture.Password);
    }

    [Fact]
    public async Task ChangingRoles_EndsSessions_AndTheNewRolesApplyAtTheNextSignIn()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = await app.CreateUserAsync(Roles.CaseWorker);
        var person = app.Factory.CreateBrowser();
        await Html.SignInAsync(person, email, AppFixture.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync(new Uri("/api/v1/tokens", UriKind.Relative))).StatusCode);

        await admin.PutJsonAsync($"/api/v1/users/{await app.UserIdAsync(email)}/roles", new { roles = new[] { Roles.Analyst }, reason = "Synthetic test: a change of duties" }, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Unauthorized, (await person.GetAsync(new Uri("/api/v1/tokens", UriKind.Relative))).StatusCode);
        var again = app.Factory.CreateBrowser();
        await Html.SignInAsync(again, email, AppFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(new Uri("/api/v1/tokens", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ResetSecondFactor_MakesThePersonEnrollAgain()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = await app.CreateUserAsync(Roles.Analyst);

        await admin.PostJsonAsync($"/api/v1/users/{await app.UserIdAsync(email)}/reset-second-factor", new { }, HttpStatusCode.OK);

        var person = app.Factory.CreateBrowser();
        var enrolled = await Html.SignInAndEnrollAsync(person, email, AppFixture.Password);
        Assert.NotNull(enrolled.QuerySelector(".recovery-codes"));
    }

    [Fact]
    public async Task RoleTable_IsReadableByAuditors_AndMatchesTheCode()
    {
        var auditor = await app.SignedInClientAsync(Roles.Auditor);

        var table = await auditor.GetJsonAsync("/api/v1/roles");

        Assert.Equal(Roles.All.Count, table.GetArrayLength());
        var admin = table.EnumerateArray().Single(r => r.GetProperty("role").GetString() == Roles.SystemAdministrator);
        Assert.Equal(RolePermissions.PermissionsOf(Roles.SystemAdministrator), admin.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!));
        var page = await Html.GetAsync(auditor, "/admin/roles");
        Assert.Equal(Permissions.All.Count, page.QuerySelectorAll("tbody tr").Length);
        var users = await auditor.GetAsync(new Uri("/admin/users", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, users.StatusCode);
        Assert.Contains("/account/access-denied", users.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
