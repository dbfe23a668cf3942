using System.Net;
using System.Text.Json;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.Users;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Errors;

namespace Spona.Tests.Features.Users;

/// <summary>
/// S15: one administrator alone cannot make an auditor or another administrator. The role waits, with no effect, until a
/// second administrator approves it; the one who asked and the receiving account cannot.
/// </summary>
public sealed class FourEyesRoleGrantTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Dictionary<string, string> NoFields = [];

    private async Task<(string Email, Guid Id, HttpClient Client)> PersonAsync(string role)
    {
        var email = await app.CreateUserAsync(role);
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password);
        return (email, await app.UserIdAsync(email), client);
    }

    private static string[] RolesOf(JsonElement user) => [.. user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!)];

    private static Guid PendingRequest(JsonElement user, string role) =>
        user.GetProperty("pendingRoles").EnumerateArray().Single(p => p.GetProperty("role").GetString() == role).GetProperty("requestId").GetGuid();

    [Fact]
    public async Task OneAdministrator_GivesTheirOwnSecondAccountAuditor_TheAccountCannotReadTheTrailUntilAnotherApproves()
    {
        var (_, _, first) = await PersonAsync(Roles.SystemAdministrator);
        var (_, _, second) = await PersonAsync(Roles.SystemAdministrator);
        // The administrator's "other" account: an analyst they control.
        var (puppetEmail, puppetId, _) = await PersonAsync(Roles.Analyst);

        var after = await first.PutJsonAsync($"/api/v1/users/{puppetId}/roles", new { roles = new[] { Roles.Auditor }, reason = "Synthetic test: a change of duties" }, HttpStatusCode.OK);

        Assert.Empty(RolesOf(after));
        var request = PendingRequest(after, Roles.Auditor);
        // The puppet signs in again (its sessions ended) and still cannot read the trail.
        var again = app.Factory.CreateBrowser();
        await Html.SignInAsync(again, puppetEmail, AppFixture.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync(new Uri("/api/v1/audit", UriKind.Relative))).StatusCode);
        var page = await again.GetAsync(new Uri("/audit", UriKind.Relative));
        Assert.Contains("/account/access-denied", page.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);

        // The one who asked cannot approve; the puppet cannot either (it manages no users).
        var own = await first.PostAsync(new Uri($"/api/v1/role-requests/{request}/approve", UriKind.Relative), null);
        // A broken rule: 409 with the rule's code, like every other (the rule filter).
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        var ownProblem = await own.Content.ReadAsStringAsync();
        Assert.Contains("Another administrator must approve", ownProblem, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"role-grant.same-administrator\"", ownProblem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.PostAsync(new Uri($"/api/v1/role-requests/{request}/approve", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync(new Uri("/api/v1/audit", UriKind.Relative))).StatusCode);

        var approved = await second.PostJsonAsync($"/api/v1/role-requests/{request}/approve", new { }, HttpStatusCode.OK);

        Assert.Equal([Roles.Auditor], RolesOf(approved));
        Assert.Empty(approved.GetProperty("pendingRoles").EnumerateArray());
        var auditor = app.Factory.CreateBrowser();
        await Html.SignInAsync(auditor, puppetEmail, AppFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync(new Uri("/api/v1/audit", UriKind.Relative))).StatusCode);
        // Deciding twice is refused: a rule of the request (409, code role-grant.decided).
        var twice = await second.PostAsync(new Uri($"/api/v1/role-requests/{request}/reject", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("\"code\":\"role-grant.decided\"", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvitingAnAdministrator_WaitsForApproval_AndTheInviteeCannotManageUsers()
    {
        var (_, _, first) = await PersonAsync(Roles.SystemAdministrator);
        var (_, _, second) = await PersonAsync(Roles.SystemAdministrator);
        var email = $"second-admin-{Guid.NewGuid():N}@example.test";
        var invitation = await first.PostJsonAsync("/api/v1/users", new { email, displayName = "Synthetic Admin", institution = "MSB", roles = new[] { Roles.SystemAdministrator } }, HttpStatusCode.Created);
        var id = invitation.GetProperty("id").GetGuid();

        var person = app.Factory.CreateBrowser();
        var activate = await Html.GetAsync(person, new Uri(invitation.GetProperty("activationUrl").GetString()!).PathAndQuery);
        await Html.SubmitAsync(person, activate, "main form", new Dictionary<string, string> { ["Input.Password"] = AppFixture.Password, ["Input.ConfirmPassword"] = AppFixture.Password });
        await Html.SignInAndEnrollAsync(person, email, AppFixture.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync(new Uri("/api/v1/users", UriKind.Relative))).StatusCode);

        var pending = await first.GetJsonAsync("/api/v1/role-requests");
        var request = pending.EnumerateArray().Single(r => r.GetProperty("userId").GetGuid() == id);
        Assert.Equal(Roles.SystemAdministrator, request.GetProperty("role").GetString());
        // The page lists it too.
        var page = await Html.GetAsync(second, "/admin/users/role-requests");
        Assert.Contains(email, page.Text("tbody"), StringComparison.Ordinal);

        await second.PostJsonAsync($"/api/v1/role-requests/{request.GetProperty("id").GetGuid()}/approve", new { }, HttpStatusCode.OK);
        var signedInAgain = app.Factory.CreateBrowser();
        await Html.SignInAsync(signedInAgain, email, AppFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await signedInAgain.GetAsync(new Uri("/api/v1/users", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task RoleApprovedBeforeThePersonActivates_TheHandedOverLinkStillWorks_AndTheRoleApplies()
    {
        var (_, _, first) = await PersonAsync(Roles.SystemAdministrator);
        var (_, _, second) = await PersonAsync(Roles.SystemAdministrator);
        var email = $"auditor-{Guid.NewGuid():N}@example.test";
        var invitation = await first.PostJsonAsync("/api/v1/users", new { email, displayName = "Synthetic Auditor", institution = "MSB", roles = new[] { Roles.Auditor } }, HttpStatusCode.Created);
        var pending = await first.GetJsonAsync($"/api/v1/users/{invitation.GetProperty("id").GetGuid()}");

        await second.PostJsonAsync($"/api/v1/role-requests/{PendingRequest(pending, Roles.Auditor)}/approve", new { }, HttpStatusCode.OK);

        var person = app.Factory.CreateBrowser();
        var activate = await Html.GetAsync(person, new Uri(invitation.GetProperty("activationUrl").GetString()!).PathAndQuery);
        var done = await Html.SubmitAsync(person, activate, "main form", new Dictionary<string, string> { ["Input.Password"] = AppFixture.Password, ["Input.ConfirmPassword"] = AppFixture.Password });
        Assert.Equal("/account/sign-in?activated=True", done.Headers.Location?.OriginalString);
        await Html.SignInAndEnrollAsync(person, email, AppFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync(new Uri("/api/v1/audit", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task DetailPage_SecondAdministratorApproves_TheOneWhoAskedIsRefused_AndRefusingWorks()
    {
        var (_, _, first) = await PersonAsync(Roles.SystemAdministrator);
        var (_, _, second) = await PersonAsync(Roles.SystemAdministrator);
        var (_, targetId, _) = await PersonAsync(Roles.Analyst);
        var detail = await Html.GetAsync(first, $"/admin/users/{targetId}");
        var saved = await Html.SubmitAsync(first, detail, "form[action*='handler=Roles']", new Dictionary<string, string> { ["Roles"] = Roles.Auditor, ["Reason"] = "Synthetic test: a change of duties" });
        var afterSave = await Html.ParseAsync(saved);
        Assert.NotNull(afterSave.QuerySelector(".pending-roles"));

        var ownTry = await Html.SubmitAsync(first, afterSave, "form[action*='handler=ApproveRole']", NoFields);
        Assert.Equal(HttpStatusCode.Conflict, ownTry.StatusCode);
        Assert.Contains("Another administrator must approve", (await Html.ParseAsync(ownTry)).Text(".error-summary"), StringComparison.Ordinal);

        var secondView = await Html.GetAsync(second, $"/admin/users/{targetId}");
        var approved = await Html.SubmitAsync(second, secondView, "form[action*='handler=ApproveRole']", NoFields);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Contains("approved", (await Html.ParseAsync(approved)).Text(".notice-success"), StringComparison.Ordinal);
        Assert.Equal([Roles.Auditor], RolesOf(await first.GetJsonAsync($"/api/v1/users/{targetId}")));

        // A request refused by the second administrator never takes effect.
        var (_, otherId, _) = await PersonAsync(Roles.Analyst);
        await first.PutJsonAsync($"/api/v1/users/{otherId}/roles", new { roles = new[] { Roles.Auditor }, reason = "Synthetic test: a change of duties" }, HttpStatusCode.OK);
        var refuse = await Html.SubmitAsync(second, await Html.GetAsync(second, $"/admin/users/{otherId}"), "form[action*='handler=RejectRole']", NoFields);
        Assert.Equal(HttpStatusCode.OK, refuse.StatusCode);
        var refused = await first.GetJsonAsync($"/api/v1/users/{otherId}");
        Assert.Empty(RolesOf(refused));
        Assert.Empty(refused.GetProperty("pendingRoles").EnumerateArray());
    }

    [Fact]
    public async Task RemovingTheRoleAgain_WithdrawsTheRequest_AndForeignOrUnknownRequestsAre404()
    {
        var (_, _, first) = await PersonAsync(Roles.SystemAdministrator);
        var (_, _, second) = await PersonAsync(Roles.SystemAdministrator);
        var (_, targetId, _) = await PersonAsync(Roles.Analyst);
        var (_, otherId, _) = await PersonAsync(Roles.Analyst);
        var asked = await first.PutJsonAsync($"/api/v1/users/{targetId}/roles", new { roles = new[] { Roles.Analyst, Roles.Auditor }, reason = "Synthetic test: a change of duties" }, HttpStatusCode.OK);
        Assert.Equal([Roles.Analyst], RolesOf(asked));
        var request = PendingRequest(asked, Roles.Auditor);

        // Another account's page cannot be used to decide this request.
        var otherPage = await Html.GetAsync(second, $"/admin/users/{otherId}");
        var form = otherPage.QuerySelector("form[action*='handler=Roles']")!;
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var foreign = await second.PostAsync(new Uri($"/admin/users/{otherId}?handler=ApproveRole&request={request}", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.PostAsync(new Uri($"/api/v1/role-requests/{Guid.NewGuid()}/approve", UriKind.Relative), null)).StatusCode);

        var withdrawn = await first.PutJsonAsync($"/api/v1/users/{targetId}/roles", new { roles = new[] { Roles.Analyst }, reason = "Synthetic test: a change of duties" }, HttpStatusCode.OK);
        Assert.Empty(withdrawn.GetProperty("pendingRoles").EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsync(new Uri($"/api/v1/role-requests/{request}/approve", UriKind.Relative), null)).StatusCode);
        Assert.Equal([Roles.Analyst], RolesOf(await first.GetJsonAsync($"/api/v1/users/{targetId}")));
    }

    [Theory]
    [InlineData(Roles.StateCoordinatorOffice)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SystemAdministrator)]
    public async Task EveryRoleThatReadsTheTrailOrManagesAccounts_WaitsForASecondAdministrator(string role)
    {
        var (_, _, first) = await PersonAsync(Roles.SystemAdministrator);
        var (email, id, _) = await PersonAsync(Roles.Analyst);

        var after = await first.PutJsonAsync($"/api/v1/users/{id}/roles", new { roles = new[] { role }, reason = "Synthetic test: a change of duties" }, HttpStatusCode.OK);

        Assert.Empty(RolesOf(after));
        PendingRequest(after, role);
        var again = app.Factory.CreateBrowser();
        await Html.SignInAsync(again, email, AppFixture.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync(new Uri("/api/v1/audit", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync(new Uri("/api/v1/users", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public void PrivilegedRoles_AreEveryRoleThatReadsTheTrailReviewsAccessOrManagesAccounts()
    {
        foreach (var permission in new[] { Permissions.AuditRead, Permissions.AccessReview, UsersPermissions.Manage })
        {
            Assert.Subset(RoleGrantRequest.PrivilegedRoles.ToHashSet(), RolePermissions.RolesWith(permission).ToHashSet());
        }
    }

    [Fact]
    public void Approve_AfterItLapsed_OrBySomeoneNotAllowed_IsRefused()
    {
        var requester = Guid.NewGuid();
        var target = Guid.NewGuid();
        var now = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
        var request = RoleGrantRequest.Open(target, Roles.Auditor, requester, now);

        Assert.Equal("role-grant.same-administrator", Assert.Throws<DomainRuleViolation>(() => request.Approve(requester, now)).Code);
        Assert.Equal("role-grant.own-account", Assert.Throws<DomainRuleViolation>(() => request.Approve(target, now)).Code);
        Assert.Equal("role-grant.expired", Assert.Throws<DomainRuleViolation>(() => request.Approve(Guid.NewGuid(), now + RoleGrantRequest.Lifetime)).Code);
        Assert.Equal("role-grant.not-privileged", Assert.Throws<DomainRuleViolation>(() => RoleGrantRequest.Open(target, Roles.Analyst, requester, now)).Code);
        Assert.Equal("role-grant.own-account", Assert.Throws<DomainRuleViolation>(() => RoleGrantRequest.Open(requester, Roles.Auditor, requester, now)).Code);

        request.Approve(Guid.NewGuid(), now.AddDays(6));
        Assert.Equal(RoleGrantDecision.Approved, request.Decision);
    }
}
