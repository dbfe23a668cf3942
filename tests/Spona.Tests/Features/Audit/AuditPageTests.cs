using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Features.Audit;

public sealed class AuditPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ChangeThroughTheApi_IsAudited_WithActorAndFieldValues_AndTheAuditorSeesIt()
    {
        var adminEmail = await app.CreateUserAsync(Roles.SystemAdministrator);
        var admin = app.Factory.CreateBrowser();
        await Html.SignInAsync(admin, adminEmail, AppFixture.Password);
        var current = await admin.GetJsonAsync("/api/v1/institutions/SIPA");
        var id = await InstitutionIdAsync("SIPA");
        await admin.PutJsonAsync("/api/v1/institutions/SIPA", new
        {
            code = "SIPA",
            name = current.GetProperty("name").GetString(),
            abbreviation = "SIPA-X",
            type = current.GetProperty("type").GetString(),
            jurisdictionCode = "BA",
            isActive = true,
            version = current.GetProperty("version").GetInt32(),
        }, HttpStatusCode.OK);

        var auditor = await app.SignedInClientAsync(Roles.Auditor);
        var api = await auditor.GetJsonAsync($"/api/v1/audit?entityType=Institution&entityKey={id}&action=entity.updated");
        var entry = Assert.Single(api.GetProperty("items").EnumerateArray());
        Assert.Equal(adminEmail, entry.GetProperty("actorLabel").GetString());
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("correlationId").GetString()));
        Assert.Contains(entry.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "Abbreviation" && c.GetProperty("new").GetString() == "SIPA-X");

        var page = await Html.GetAsync(auditor, $"/audit/record?type=Institution&key={id}");
        Assert.Contains("SIPA-X", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(adminEmail, page.Body.TextContent, StringComparison.Ordinal);
        var list = await Html.GetAsync(auditor, "/audit?action=entity.updated&type=Institution");
        Assert.Contains("Abbreviation", list.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(list.QuerySelectorAll("nav a[href='/audit']"));
    }

    [Theory]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.StateCoordinatorOffice)]
    public async Task Overseers_SeeTheTrail(string role)
    {
        var client = await app.SignedInClientAsync(role);

        var page = await Html.GetAsync(client, "/audit");

        Assert.NotEmpty(page.QuerySelectorAll("tbody tr"));
        await client.GetJsonAsync("/api/v1/audit/checkpoints");
    }

    [Theory]
    [InlineData(Roles.SystemAdministrator)]
    [InlineData(Roles.CaseWorker)]
    public async Task OthersAreRefused_AndSeeNoLink(string role)
    {
        var client = await app.SignedInClientAsync(role);

        await Html.GetAsync(client, "/audit", HttpStatusCode.Redirect);
        await client.GetJsonAsync("/api/v1/audit", HttpStatusCode.Forbidden);
        var home = await Html.GetAsync(client, "/");
        Assert.Empty(home.QuerySelectorAll("nav a[href='/audit']"));
    }

    [Fact]
    public async Task Api_FiltersByDateAndOutcome_AndRejectsBadInput()
    {
        var client = await app.SignedInClientAsync(Roles.Auditor);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(
                new AuditEvent(AuditActions.SignInFailed, "Account", "probe-key", AuditOutcome.Failed), CancellationToken.None);
        }

        var failed = await client.GetJsonAsync("/api/v1/audit?outcome=Failed&entityKey=probe-key");
        var future = await client.GetJsonAsync("/api/v1/audit?from=2999-01-01");
        var problem = await client.GetJsonAsync("/api/v1/audit?actor=" + new string('a', 300), HttpStatusCode.BadRequest);

        Assert.Equal(1, failed.GetProperty("total").GetInt32());
        Assert.Equal(AuditActor.SystemLabel, failed.GetProperty("items")[0].GetProperty("actorLabel").GetString());
        Assert.Equal(0, future.GetProperty("total").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty("actor", out _));
        await Html.GetAsync(client, "/audit?from=not-a-date&p=0");
        await Html.GetAsync(client, "/audit/record?type=Institution", HttpStatusCode.BadRequest);
    }

    private async Task<Guid> InstitutionIdAsync(string code)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Spona.Web.Platform.Persistence.AppDbContext>();
        return db.Institutions.Single(i => i.Code == code).Id;
    }
}
