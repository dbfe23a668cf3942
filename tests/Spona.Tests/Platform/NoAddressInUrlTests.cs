using System.Net;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Platform;

/// <summary>S9: e-mail addresses never travel in a URL, where proxies, access logs and browser history keep them.</summary>
public sealed class NoAddressInUrlTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task UsersSearch_TheAddressTravelsInTheForm_AndTheUrlCarriesItSealed_ThroughPagingToo()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = await app.CreateUserAsync(Roles.Analyst, $"canary-url-{Guid.NewGuid():N}@example.test");

        var list = await Html.SearchUsersAsync(admin, email);

        Assert.Single(list.QuerySelectorAll("tbody tr"));
        Assert.Equal(email, list.QuerySelector("#q")!.GetAttribute("value"));
        foreach (var link in list.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
        {
            Assert.DoesNotContain("canary-url", Uri.UnescapeDataString(link), StringComparison.Ordinal);
        }

        // An address put in the URL by hand is not used as a filter, and a forged seal shows the whole list.
        var byHand = await Html.GetAsync(admin, "/admin/users?q=" + Uri.EscapeDataString(email));
        Assert.True(byHand.QuerySelectorAll("tbody tr").Length > 1);
        var forged = await Html.GetAsync(admin, "/admin/users?qs=CfDJ8forged");
        Assert.True(forged.QuerySelectorAll("tbody tr").Length > 1);
    }

    [Fact]
    public async Task AuditFilter_ByAddress_RedirectsWithoutTheAddress_AndStillFilters()
    {
        var auditor = await app.SignedInClientAsync(Roles.Auditor);
        var actor = await app.CreateUserAsync(Roles.Analyst, $"canary-actor-{Guid.NewGuid():N}@example.test");
        await Html.SignInAsync(app.Factory.CreateBrowser(), actor, AppFixture.Password);

        var page = await Html.GetAsync(auditor, "/audit");
        var response = await Html.SubmitAsync(auditor, page, "form.search-form", new Dictionary<string, string> { ["actor"] = actor });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("canary-actor", Uri.UnescapeDataString(response.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var filtered = await Html.GetAsync(auditor, response.Headers.Location!.OriginalString);
        Assert.NotEmpty(filtered.QuerySelectorAll("tbody tr"));
        Assert.All(filtered.QuerySelectorAll("tbody tr"), row => Assert.Contains(actor, row.TextContent, StringComparison.Ordinal));

        // By id the URL may name the actor.
        var id = await app.UserIdAsync(actor);
        var byId = await Html.GetAsync(auditor, $"/audit?actor={id}");
        Assert.Equal(filtered.QuerySelectorAll("tbody tr").Length, byId.QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task Api_RefusesAddressesInTheQuery_AndSearchesByBody()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var auditor = await app.SignedInClientAsync(Roles.Auditor);
        var email = await app.CreateUserAsync(Roles.Analyst);

        var inUrl = await admin.GetJsonAsync("/api/v1/users?search=" + Uri.EscapeDataString(email), HttpStatusCode.BadRequest);
        Assert.True(inUrl.GetProperty("errors").TryGetProperty("search", out _));
        var found = await admin.PostJsonAsync("/api/v1/users/search", new { search = email }, HttpStatusCode.OK);
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        await admin.PostJsonAsync("/api/v1/users/search", new { search = email, sort = "password" }, HttpStatusCode.BadRequest);

        var actorInUrl = await auditor.GetJsonAsync("/api/v1/audit?actor=" + Uri.EscapeDataString(email), HttpStatusCode.BadRequest);
        Assert.True(actorInUrl.GetProperty("errors").TryGetProperty("actor", out _));
        await auditor.GetJsonAsync($"/api/v1/audit?actor={await app.UserIdAsync(email)}");
    }
}
