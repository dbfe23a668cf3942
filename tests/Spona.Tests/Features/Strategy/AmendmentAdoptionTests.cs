using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.Strategy;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Features.Strategy;

/// <summary>
/// Adopting an amendment checks everything before it writes: a refused adoption (unknown or foreign amendment, a
/// measure no longer in force, a catalogue changed since it was read, an amendment adopted meanwhile) leaves no row
/// changed, no audit entry and no new catalogue version. Each test has an application of its own: some load another
/// strategy file.
/// </summary>
public sealed class AmendmentAdoptionTests : IAsyncLifetime
{
    private readonly AppFixture app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task AdoptAmendment_MeasureNoLongerInForce_Is409AndChangesNothing()
    {
        var client = await app.SignedInClientAsync(Roles.MonitoringTeamMember);
        var id = await ProposeAsync(client, "2.2");
        await LoadStrategyAsync(file =>
        {
            file["code"] = "BIH-THB-2028-2031";
            file["periodStart"] = 2028;
            file["periodEnd"] = 2031;
        });
        var before = await SnapshotAsync();

        var refused = await client.PostJsonAsync($"/api/v1/strategy/amendments/{id}/adoption", new { adoptedOn = "2025-04-01", decisionReference = "VM 12/25" }, HttpStatusCode.Conflict);

        Assert.Equal("amendment.measure-not-in-force", refused.GetProperty("code").GetString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task AdoptAmendment_CatalogueChangedSinceItWasRead_Is409AndChangesNothing()
    {
        var client = await app.SignedInClientAsync(Roles.MonitoringTeamMember);
        var id = await ProposeAsync(client, "2.2");
        var read = await client.GetJsonAsync("/api/v1/strategy/measures/2.2");
        var version = read.GetProperty("catalogueVersion").GetInt32();
        await LoadStrategyAsync(file => file["goals"]![1]!["measures"]![1]!["title"]!["en"] = "A reworded measure 2.2");
        var before = await SnapshotAsync();
        Assert.True(before.CatalogueVersion > version);

        await client.PostJsonAsync($"/api/v1/strategy/amendments/{id}/adoption", new { adoptedOn = "2025-04-01", decisionReference = "VM 12/25", catalogueVersion = version }, HttpStatusCode.Conflict);

        Assert.Equal(before, await SnapshotAsync());
        var adopted = await client.PostJsonAsync($"/api/v1/strategy/amendments/{id}/adoption", new { adoptedOn = "2025-04-01", decisionReference = "VM 12/25", catalogueVersion = before.CatalogueVersion }, HttpStatusCode.OK);
        Assert.Equal("VM 12/25", Assert.Single(adopted.GetProperty("amendments").EnumerateArray()).GetProperty("decisionReference").GetString());
        Assert.Equal(before.CatalogueVersion, adopted.GetProperty("catalogueVersion").GetInt32());
    }

    [Fact]
    public async Task AdoptForm_PostedUnderAnotherOrAnUnknownMeasure_Is404AndChangesNothing()
    {
        var client = await app.SignedInClientAsync(Roles.StateCoordinatorOffice);
        var id = await ProposeAsync(client, "4.2");
        var page = await Html.GetAsync(client, "/strategy/measures/4.2");
        var form = page.QuerySelector("details.adopt form")!;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Adoption.AdoptedOn"] = "2025-04-01",
            ["Adoption.DecisionReference"] = "VM 12/25",
        };
        var before = await SnapshotAsync();

        foreach (var measure in new[] { "1.1", "9.9" })
        {
            // The same form, its action pointed at another measure's page, as a crafted request would.
            var crafted = await client.PostAsync(new Uri($"/strategy/measures/{measure}?handler=Adopt&amendmentId={id}", UriKind.Relative), new FormUrlEncodedContent(fields));

            Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
            Assert.Equal(before, await SnapshotAsync());
        }

        var adopted = await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, adopted.StatusCode);
        Assert.Equal(before.Adopted + 1, (await SnapshotAsync()).Adopted);
    }

    /// <summary>
    /// The rule filter: a broken domain rule on a page is a form error in the reader's language, on the page shown
    /// again with status 409, and nothing is saved (the page catches nothing itself).
    /// </summary>
    [Fact]
    public async Task AdoptForm_DatedBeforeTheProposal_ShowsTheRuleOnThePage_409_AndChangesNothing()
    {
        var client = await app.SignedInClientAsync(Roles.StateCoordinatorOffice);
        await ProposeAsync(client, "4.2");
        var page = await Html.GetAsync(client, "/strategy/measures/4.2");
        var before = await SnapshotAsync();

        var refused = await Html.SubmitAsync(client, page, "details.adopt form", new Dictionary<string, string>
        {
            ["Adoption.AdoptedOn"] = "2025-03-01",
            ["Adoption.DecisionReference"] = "VM 12/25",
        });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        Assert.Contains("An amendment cannot be adopted before it was proposed.", shown.Text(".error-summary"), StringComparison.Ordinal);
        Assert.NotNull(shown.QuerySelector("details.adopt form"));
        Assert.Equal(before, await SnapshotAsync());

        // In the reader's language: the rule's message is translated, not its English text.
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("bs");
        var bosnian = await Html.GetAsync(client, "/strategy/measures/4.2");
        var again = await Html.ParseAsync(await Html.SubmitAsync(client, bosnian, "details.adopt form", new Dictionary<string, string>
        {
            ["Adoption.AdoptedOn"] = "2025-03-01",
            ["Adoption.DecisionReference"] = "VM 12/25",
        }));
        Assert.Contains("Izmjena ne može biti usvojena prije nego što je predložena.", again.Text(".error-summary"), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task AdoptAmendment_ConcurrentAdoptions_OnlyOneIsRecorded()
    {
        var client = await app.SignedInClientAsync(Roles.MonitoringTeamMember);
        var id = await ProposeAsync(client, "3.1");
        var before = await SnapshotAsync();

        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            client.PostAsync(new Uri($"/api/v1/strategy/amendments/{id}/adoption", UriKind.Relative), Json($$"""{"adoptedOn":"2025-04-01","decisionReference":"VM {{i}}/25"}"""))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var after = await SnapshotAsync();
        Assert.Equal(before.Adopted + 1, after.Adopted);
        Assert.Equal(before.AuditEntries + 1, after.AuditEntries);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> ProposeAsync(HttpClient client, string measure)
    {
        var created = await client.PostJsonAsync($"/api/v1/strategy/measures/{measure}/amendments", new
        {
            proposedBy = "Monitoring Team",
            proposedOn = "2025-03-10",
            change = "Adds inspections of recruitment agencies.",
        }, HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }

    private async Task LoadStrategyAsync(Action<JsonNode> change)
    {
        var file = JsonNode.Parse(StrategyFixtures.EmbeddedJson())!;
        change(file);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StrategyCatalogueLoader>().LoadAsync(Encoding.UTF8.GetBytes(file.ToJsonString()), CancellationToken.None);
        Assert.True(result.Changed);
    }

    private async Task<Snapshot> SnapshotAsync()
    {
        await app.Factory.SealAuditAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return new Snapshot(
            await db.MeasureAmendments.CountAsync(),
            await db.MeasureAmendments.CountAsync(a => a.AdoptedOn != null),
            await db.Set<AuditEntry>().CountAsync(),
            await db.Strategies.CountAsync(),
            await db.Strategies.MaxAsync(s => s.Version),
            await db.MeasureRevisions.CountAsync());
    }

    private sealed record Snapshot(int Amendments, int Adopted, int AuditEntries, int Strategies, int CatalogueVersion, int Revisions);
}
