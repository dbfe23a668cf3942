using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Audit;

/// <summary>S6 and S15: sign-in, sign-out, failures, token use, administration and break-the-glass are in the trail; bulk reads raise an alert.</summary>
public sealed class SecurityEventAuditTests(SecurityEventAuditTests.AlertFixture app) : IClassFixture<SecurityEventAuditTests.AlertFixture>
{
    private async Task<List<AuditEntry>> EntriesAsync(Func<IQueryable<AuditEntry>, IQueryable<AuditEntry>> filter)
    {
        await app.Factory.SealAuditAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await filter(scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>().AsNoTracking()).OrderBy(e => e.Sequence).ToListAsync();
    }

    [Fact]
    public async Task SignIn_Failures_AndSignOut_AreAudited_WithoutTheTypedAddress()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var id = (await app.UserIdAsync(email)).ToString();
        var unknown = $"canary-nobody-{Guid.NewGuid():N}@example.test";
        await Html.SubmitPasswordAsync(app.Factory.CreateBrowser(), unknown, AppFixture.Password);
        await Html.SubmitPasswordAsync(app.Factory.CreateBrowser(), email, "wrong password entirely");
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password);
        var home = await Html.GetAsync(client, "/");
        await Html.SubmitAsync(client, home, "form[action='/account/sign-out']", new Dictionary<string, string>());

        var mine = await EntriesAsync(q => q.Where(e => e.EntityKey == id));
        Assert.Contains(mine, e => e.Action == AuditActions.SignInFailed && e.Reason == "wrong password" && e.Outcome == AuditOutcome.Failed);
        Assert.Contains(mine, e => e.Action == AuditActions.SignInSucceeded && e.Reason == "authenticator code");
        Assert.Contains(mine, e => e.Action == AuditActions.SignOut);
        var all = await EntriesAsync(q => q);
        Assert.Contains(all, e => e.Action == AuditActions.SignInFailed && e.EntityKey == "unknown");
        Assert.DoesNotContain(all, e => (e.ActorLabel + e.EntityKey + e.Reason + e.Changes).Contains("canary-nobody", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TokenUse_TokenLifecycle_AndAdministration_AreAudited()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = await app.CreateUserAsync(Roles.MonitoringTeamMember);
        var userId = await app.UserIdAsync(email);
        var owner = app.Factory.CreateBrowser();
        await Html.SignInAsync(owner, email, AppFixture.Password);
        var created = await owner.PostJsonAsync("/api/v1/tokens", new { name = "sync", expiresInDays = 5 }, HttpStatusCode.Created);
        var tokenId = created.GetProperty("token").GetProperty("id").GetString()!;
        var bearer = app.BearerClient(created.GetProperty("secret").GetString()!);
        await bearer.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative));
        await owner.DeleteAsync(new Uri($"/api/v1/tokens/{tokenId}", UriKind.Relative));
        await bearer.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative));
        await admin.PutJsonAsync($"/api/v1/users/{userId}/roles", new { roles = new[] { Roles.Analyst }, reason = "Synthetic test: a change of duties" }, HttpStatusCode.OK);
        await admin.PostJsonAsync($"/api/v1/users/{userId}/disable", new { }, HttpStatusCode.OK);

        var token = await EntriesAsync(q => q.Where(e => e.EntityKey == tokenId));
        Assert.Equal(["token.created", AuditActions.TokenUsed, "token.revoked", AuditActions.TokenUsed], token.Select(e => e.Action));
        Assert.Equal(AuditOutcome.Denied, token[^1].Outcome);
        Assert.Equal("revoked", token[^1].Reason);
        Assert.All(token.Where(e => e.Action == AuditActions.TokenUsed), e => Assert.Equal(userId, e.ActorUserId));
        var account = await EntriesAsync(q => q.Where(e => e.EntityKey == userId.ToString() && e.Action.StartsWith("user.")));
        Assert.Equal(["user.roles-changed", "user.disabled"], account.Select(e => e.Action));
        Assert.Contains(Roles.MonitoringTeamMember, account[0].Changes, StringComparison.Ordinal);
        Assert.NotEqual(userId, account[0].ActorUserId);
    }

    [Fact]
    public async Task ReadingMoreRecordsThanTheThreshold_RaisesAnAlert_ForAuditorsOnly()
    {
        var email = await app.CreateUserAsync(Roles.CaseWorker);
        var userId = await app.UserIdAsync(email);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
            for (var i = 0; i < 4; i++)
            {
                audit.Add(new AuditEvent(AuditActions.RecordRead, "Victim", Guid.NewGuid().ToString()) { ActorUserId = userId, ActorLabel = email });
            }

            await audit.FlushAsync(CancellationToken.None);
        }

        var quiet = await app.CreateUserAsync(Roles.CaseWorker);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
            var same = Guid.NewGuid().ToString();
            for (var i = 0; i < 6; i++)
            {
                audit.Add(new AuditEvent(AuditActions.RecordRead, "Victim", same) { ActorUserId = await app.UserIdAsync(quiet), ActorLabel = quiet });
            }

            await audit.FlushAsync(CancellationToken.None);
        }

        var auditor = await app.SignedInClientAsync(Roles.Auditor);
        var alerts = await auditor.GetJsonAsync("/api/v1/audit/alerts");
        var page = await Html.GetAsync(auditor, "/audit/alerts");

        var alert = alerts.EnumerateArray().Single(a => a.GetProperty("actor").GetString() == email);
        Assert.Equal(4, alert.GetProperty("distinctRecords").GetInt32());
        Assert.DoesNotContain(alerts.EnumerateArray(), a => a.GetProperty("actor").GetString() == quiet);
        Assert.Contains(email, page.Text("tbody"), StringComparison.Ordinal);
        var worker = await app.SignedInClientAsync(Roles.CaseWorker);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync(new Uri("/api/v1/audit/alerts", UriKind.Relative))).StatusCode);
    }

    public sealed class AlertFixture : AppFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Alerts:ReadsPerWindow"] = "3" };
    }
}
