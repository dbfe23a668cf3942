using System.Net;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Features.Strategy;

public sealed class StrategyApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task GetStrategy_Anonymous_Is401ProblemDetails()
    {
        var response = await app.Factory.CreateBrowser().GetAsync(new Uri("/api/v1/strategy", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetStrategy_ReturnsTheTreeInTheRequestedLanguage()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        var english = await client.GetJsonAsync("/api/v1/strategy?culture=en");
        var cyrillic = await client.GetJsonAsync("/api/v1/strategy?culture=sr-Cyrl");

        Assert.Equal(5, english.GetProperty("goals").GetArrayLength());
        Assert.Equal(30, english.GetProperty("goals").EnumerateArray().Sum(g => g.GetProperty("measures").GetArrayLength()));
        Assert.Equal(2024, english.GetProperty("periodStart").GetInt32());
        var cyrillicTitle = cyrillic.GetProperty("goals")[3].GetProperty("title").GetString()!;
        Assert.Contains(cyrillicTitle, c => c is >= '\u0400' and <= '\u04FF');
    }

    [Fact]
    public async Task GetStrategy_Search_ReturnsOnlyMatchingMeasures()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        var tree = await client.GetJsonAsync("/api/v1/strategy?search=compensation");

        var numbers = tree.GetProperty("goals").EnumerateArray().SelectMany(g => g.GetProperty("measures").EnumerateArray()).Select(m => m.GetProperty("number").GetString()).ToList();
        Assert.Contains("3.5", numbers);
        Assert.Contains("4.7", numbers);
        Assert.DoesNotContain("1.1", numbers);
    }

    [Fact]
    public async Task GetMeasure_ReturnsItemsAndHistory()
    {
        var client = await app.SignedInClientAsync(Roles.Prosecutor);

        var measure = await client.GetJsonAsync("/api/v1/strategy/measures/4.2");

        Assert.Equal("4.2", measure.GetProperty("number").GetString());
        Assert.Equal("4", measure.GetProperty("goal").GetProperty("number").GetString());
        Assert.True(measure.GetProperty("items").GetArrayLength() > 3);
        Assert.Equal(JsonValueKindArray, measure.GetProperty("amendments").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindArray = System.Text.Json.JsonValueKind.Array;

    [Fact]
    public async Task GetMeasure_Unknown_Is404ProblemDetails()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        var problem = await client.GetJsonAsync("/api/v1/strategy/measures/7.1", HttpStatusCode.NotFound);

        Assert.Contains("7.1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAmendment_Valid_Is201AndListed()
    {
        var client = await app.SignedInClientAsync(Roles.MonitoringTeamMember);

        var created = await client.PostJsonAsync("/api/v1/strategy/measures/5.1/amendments", new
        {
            proposedBy = "Monitoring Team",
            proposedOn = "2025-02-03",
            change = "Adds academia to coordination teams.",
        }, HttpStatusCode.Created);

        Assert.True(created.TryGetProperty("id", out _));
        var measure = await client.GetJsonAsync("/api/v1/strategy/measures/5.1");
        var amendment = Assert.Single(measure.GetProperty("amendments").EnumerateArray());
        Assert.Equal("2025-02-03", amendment.GetProperty("proposedOn").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, amendment.GetProperty("adoptedOn").ValueKind);
    }

    [Fact]
    public async Task PostAmendment_MissingFields_Is400NamingEachField()
    {
        var client = await app.SignedInClientAsync(Roles.MonitoringTeamMember);

        var problem = await client.PostJsonAsync("/api/v1/strategy/measures/5.2/amendments", new { proposedOn = (string?)null }, HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("ProposedBy", out _) || errors.TryGetProperty("proposedBy", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("Change", out _) || errors.TryGetProperty("change", out _), errors.ToString());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"proposedBy\": 5, \"proposedOn\": \"yesterday\", \"change\": []}")]
    [InlineData("[]")]
    public async Task PostAmendment_MalformedJson_Is400NotA500(string json)
    {
        var client = await app.SignedInClientAsync(Roles.MonitoringTeamMember);

        var problem = await client.PostRawAsync("/api/v1/strategy/measures/5.2/amendments", json, HttpStatusCode.BadRequest);

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", problem.ToString(), StringComparison.Ordinal);
        var measure = await client.GetJsonAsync("/api/v1/strategy/measures/5.2");
        Assert.Empty(measure.GetProperty("amendments").EnumerateArray());
    }

    [Fact]
    public async Task PostAmendment_RuleBroken_Is409WithStableCode()
    {
        var client = await app.SignedInClientAsync(Roles.MonitoringTeamMember);

        var problem = await client.PostJsonAsync("/api/v1/strategy/measures/5.3/amendments", new
        {
            proposedBy = "Monitoring Team",
            proposedOn = "2025-02-03",
            adoptedOn = "2025-04-01",
            change = "Adopted but no decision reference.",
        }, HttpStatusCode.Conflict);

        Assert.Equal("amendment.decision-required", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task PostAmendment_UnknownMeasure_Is404()
    {
        var client = await app.SignedInClientAsync(Roles.MonitoringTeamMember);

        await client.PostJsonAsync("/api/v1/strategy/measures/8.8/amendments", new { proposedBy = "X", proposedOn = "2025-01-01", change = "Y" }, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AdoptAmendment_RecordsTheDecisionOnce()
    {
        var client = await app.SignedInClientAsync(Roles.MonitoringTeamMember);
        var created = await client.PostJsonAsync("/api/v1/strategy/measures/2.2/amendments", new
        {
            proposedBy = "Monitoring Team",
            proposedOn = "2025-03-10",
            change = "Adds inspections of recruitment agencies.",
        }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        var early = await client.PostJsonAsync($"/api/v1/strategy/amendments/{id}/adoption", new { adoptedOn = "2025-03-01", decisionReference = "VM 1/25" }, HttpStatusCode.Conflict);
        var missing = await client.PostJsonAsync($"/api/v1/strategy/amendments/{id}/adoption", new { adoptedOn = "2025-04-01" }, HttpStatusCode.BadRequest);
        var adopted = await client.PostJsonAsync($"/api/v1/strategy/amendments/{id}/adoption", new { adoptedOn = "2025-04-01", decisionReference = "VM 12/25" }, HttpStatusCode.OK);
        var again = await client.PostJsonAsync($"/api/v1/strategy/amendments/{id}/adoption", new { adoptedOn = "2025-04-02", decisionReference = "VM 13/25" }, HttpStatusCode.Conflict);

        Assert.Equal("amendment.adopted-before-proposed", early.GetProperty("code").GetString());
        Assert.True(missing.GetProperty("errors").TryGetProperty("DecisionReference", out _) || missing.GetProperty("errors").TryGetProperty("decisionReference", out _), missing.ToString());
        var amendment = Assert.Single(adopted.GetProperty("amendments").EnumerateArray());
        Assert.Equal("2025-04-01", amendment.GetProperty("adoptedOn").GetString());
        Assert.Equal("VM 12/25", amendment.GetProperty("decisionReference").GetString());
        Assert.Equal("amendment.already-adopted", again.GetProperty("code").GetString());
        await client.PostJsonAsync($"/api/v1/strategy/amendments/{Guid.NewGuid()}/adoption", new { adoptedOn = "2025-04-01", decisionReference = "X" }, HttpStatusCode.NotFound);
        await client.PostJsonAsync("/api/v1/strategy/amendments/not-a-guid/adoption", new { adoptedOn = "2025-04-01", decisionReference = "X" }, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AdoptAmendment_WithoutPermission_IsForbidden()
    {
        var team = await app.SignedInClientAsync(Roles.MonitoringTeamMember);
        var created = await team.PostJsonAsync("/api/v1/strategy/measures/2.5/amendments", new { proposedBy = "Monitoring Team", proposedOn = "2025-03-10", change = "X" }, HttpStatusCode.Created);
        var analyst = await app.SignedInClientAsync(Roles.Analyst);

        await analyst.PostJsonAsync($"/api/v1/strategy/amendments/{created.GetProperty("id").GetString()}/adoption", new { adoptedOn = "2025-04-01", decisionReference = "X" }, HttpStatusCode.Forbidden);

        var measure = await team.GetJsonAsync("/api/v1/strategy/measures/2.5");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, measure.GetProperty("amendments")[0].GetProperty("adoptedOn").ValueKind);
    }
}
