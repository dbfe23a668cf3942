using System.Net;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Features.Strategy;

public sealed class StrategyPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Strategy_Anonymous_RedirectsToSignIn()
    {
        var response = await app.Factory.CreateBrowser().GetAsync(new Uri("/strategy", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/account/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strategy_SignedIn_ShowsFiveGoalsAndThirtyMeasures()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        var page = await Html.GetAsync(client, "/strategy");

        Assert.Equal(5, page.QuerySelectorAll(".strategy-tree > li").Length);
        var links = page.QuerySelectorAll(".measure-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(30, links.Count);
        Assert.Contains("/strategy/measures/4.2", links);
        Assert.Contains("General goal", page.Text("#general-goal"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shelter", "4.2")]
    [InlineData("ЗАШТИТЕ И ПОМОЋИ", "4.2")]
    [InlineData("asset forfeiture", "3.7")]
    [InlineData("child victims", "4.4")]
    public async Task Strategy_Search_FindsMeasuresInAnyLanguageAndCase(string query, string expected)
    {
        var client = await app.SignedInClientAsync(Roles.CaseWorker);

        var page = await Html.GetAsync(client, "/strategy?q=" + Uri.EscapeDataString(query));

        var numbers = page.QuerySelectorAll(".measure-list .measure-number").Select(n => n.TextContent.Trim()).ToList();
        Assert.Contains(expected, numbers);
        Assert.True(numbers.Count < 30, $"search '{query}' matched everything");
    }

    [Fact]
    public async Task Strategy_SearchWithoutMatches_ShowsEmptyState()
    {
        var client = await app.SignedInClientAsync(Roles.CaseWorker);

        var page = await Html.GetAsync(client, "/strategy?q=zzzqqqxxx");

        Assert.Empty(page.QuerySelectorAll(".measure-list a"));
        Assert.NotNull(page.QuerySelector(".empty-state"));
    }

    [Fact]
    public async Task Measure_ShowsItsItemsGoalAndNeighbours()
    {
        var client = await app.SignedInClientAsync(Roles.PoliceOfficer);

        var page = await Html.GetAsync(client, "/strategy/measures/4.2");

        Assert.Contains("4.2", page.Text("h1"), StringComparison.Ordinal);
        Assert.True(page.QuerySelectorAll(".measure-items li").Length >= 3);
        Assert.Equal("/strategy/measures/4.1", page.QuerySelector("a[rel=prev]")?.GetAttribute("href"));
        Assert.Equal("/strategy/measures/4.3", page.QuerySelector("a[rel=next]")?.GetAttribute("href"));
        Assert.Contains("Specific goal 4", page.Text(".breadcrumb"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#amend-heading"));
    }

    [Theory]
    [InlineData("/strategy/measures/9.9")]
    [InlineData("/strategy/measures/4.2x")]
    [InlineData("/strategy/measures/%3Cscript%3E")]
    public async Task Measure_Unknown_IsNotFound(string url)
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        var page = await Html.GetAsync(client, url, HttpStatusCode.NotFound);

        Assert.Equal("Page not found", page.Text("h1"));
    }

    [Fact]
    public async Task Amendment_ByMonitoringTeam_IsRecordedAndShownInHistory()
    {
        var client = await app.SignedInClientAsync(Roles.MonitoringTeamMember);
        var page = await Html.GetAsync(client, "/strategy/measures/2.3");

        var response = await Html.SubmitAsync(client, page, "form[action*=Amend], form:has(#Amendment_Change)", new Dictionary<string, string>
        {
            ["Amendment.ProposedBy"] = "Monitoring Team",
            ["Amendment.ProposedOn"] = "2025-03-01",
            ["Amendment.AdoptedOn"] = "2025-05-20",
            ["Amendment.DecisionReference"] = "VM 45/25",
            ["Amendment.Change"] = "Adds supply-chain due diligence for public procurement.",
        });

        Assert.True(HttpStatusCode.Redirect == response.StatusCode, await response.Content.ReadAsStringAsync());
        var after = await Html.GetAsync(client, "/strategy/measures/2.3");
        var history = after.Text("section[aria-labelledby=history-heading] table");
        Assert.Contains("VM 45/25", history, StringComparison.Ordinal);
        Assert.Contains("supply-chain due diligence", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amendment_AdoptedBeforeProposed_IsRefusedAndNothingSaved()
    {
        var client = await app.SignedInClientAsync(Roles.StateCoordinatorOffice);
        var page = await Html.GetAsync(client, "/strategy/measures/1.4");

        var response = await Html.SubmitAsync(client, page, "form:has(#Amendment_Change)", new Dictionary<string, string>
        {
            ["Amendment.ProposedBy"] = "Monitoring Team",
            ["Amendment.ProposedOn"] = "2025-06-01",
            ["Amendment.AdoptedOn"] = "2025-01-01",
            ["Amendment.DecisionReference"] = "X-1",
            ["Amendment.Change"] = "Canary change 7f1e",
        });

        // A broken rule, shown on the form by the rule filter, with the API's status for it.
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var form = await Html.ParseAsync(response);
        Assert.Contains("cannot be adopted before it was proposed", form.Text(".error-summary"), StringComparison.Ordinal);
        var after = await Html.GetAsync(client, "/strategy/measures/1.4");
        Assert.DoesNotContain("Canary change 7f1e", after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amendment_MissingFields_NamesEachField()
    {
        var client = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var page = await Html.GetAsync(client, "/strategy/measures/1.4");

        var response = await Html.SubmitAsync(client, page, "form:has(#Amendment_Change)", new Dictionary<string, string>
        {
            ["Amendment.ProposedOn"] = "not a date",
        });

        var form = await Html.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter who proposed the amendment.", form.Text("[data-valmsg-for='Amendment.ProposedBy']"), StringComparison.Ordinal);
        Assert.Contains("not valid", form.Text("[data-valmsg-for='Amendment.ProposedOn']"), StringComparison.Ordinal);
        Assert.Contains("Describe what the amendment changes.", form.Text("[data-valmsg-for='Amendment.Change']"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amendment_ByRoleWithoutPermission_IsForbidden()
    {
        var client = await app.SignedInClientAsync(Roles.CaseWorker);
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var page = await Html.GetAsync(admin, "/strategy/measures/1.1");
        var own = await Html.GetAsync(client, "/strategy/measures/1.1");
        var token = own.QuerySelector("form[action='/culture'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync(new Uri("/strategy/measures/1.1?handler=Amend", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Amendment.ProposedBy"] = "Someone",
            ["Amendment.ProposedOn"] = "2025-01-01",
            ["Amendment.Change"] = "Should not be saved",
        }));

        Assert.NotNull(page.QuerySelector("#amend-heading"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var after = await Html.GetAsync(admin, "/strategy/measures/1.1");
        Assert.DoesNotContain("Should not be saved", after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amendment_ProposedThenAdoptedThroughTheForm()
    {
        var client = await app.SignedInClientAsync(Roles.StateCoordinatorOffice);
        var page = await Html.GetAsync(client, "/strategy/measures/3.3");
        await Html.SubmitAsync(client, page, "form:has(#Amendment_Change)", new Dictionary<string, string>
        {
            ["Amendment.ProposedBy"] = "Monitoring Team",
            ["Amendment.ProposedOn"] = "2025-02-01",
            ["Amendment.Change"] = "Criminalises knowing use of services of victims.",
        });
        var proposed = await Html.GetAsync(client, "/strategy/measures/3.3");

        var invalid = await Html.SubmitAsync(client, proposed, "details.adopt form", new Dictionary<string, string> { ["Adoption.AdoptedOn"] = "2025-03-01" });
        var adopted = await Html.SubmitAsync(client, proposed, "details.adopt form", new Dictionary<string, string>
        {
            ["Adoption.AdoptedOn"] = "2025-03-01",
            ["Adoption.DecisionReference"] = "VM 77/25",
        });

        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("Enter the reference of the adopting decision.", (await Html.ParseAsync(invalid)).Text("details.adopt .error-summary"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, adopted.StatusCode);
        var after = await Html.GetAsync(client, "/strategy/measures/3.3");
        Assert.Contains("VM 77/25", after.Text("section[aria-labelledby=history-heading] table"), StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("details.adopt"));
        Assert.Equal("The adoption was recorded.", after.Text(".notice-success"));
    }
}
