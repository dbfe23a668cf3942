using System.Net;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.Strategy;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Features.Users;

/// <summary>The users pages and API name institutions and jurisdictions in the reader's language, not in the seed's.</summary>
public sealed class UserPagesLanguageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("en", "Ministry of Security of Bosnia and Herzegovina", "Bosnia and Herzegovina")]
    [InlineData("sr-Cyrl", "Министарство сигурности Босне и Херцеговине", "Босна и Херцеговина")]
    [InlineData("bs", "Ministarstvo sigurnosti Bosne i Hercegovine", "Bosna i Hercegovina")]
    public async Task UsersPages_InstitutionAndJurisdiction_AreInTheReadersLanguage(string culture, string institution, string jurisdiction)
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        var email = $"language-{Guid.NewGuid():N}@example.test";

        var invite = await Html.GetAsync(admin, "/admin/users/invite");
        Assert.Equal(institution, invite.QuerySelector("#Input_Institution option[value='MSB']")?.TextContent);
        Assert.Equal(jurisdiction, invite.QuerySelector("#Input_Jurisdiction option[value='BA']")?.TextContent);
        var created = await Html.SubmitAsync(admin, invite, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "Synthetic Reader",
            ["Input.Institution"] = "MSB",
            ["Input.Jurisdiction"] = "BA",
            ["Input.Roles"] = Roles.Analyst,
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        var list = await Html.SearchUsersAsync(admin, email);
        Assert.Equal(institution, list.QuerySelectorAll("tbody tr td")[2].TextContent.Trim());
        var detail = await Html.GetAsync(admin, list.QuerySelector("tbody a")!.GetAttribute("href")!);
        var facts = detail.QuerySelectorAll(".facts dd").Select(d => d.TextContent.Trim()).ToList();
        Assert.Contains(institution, facts);
        Assert.Contains(jurisdiction, facts);

        var view = await admin.GetJsonAsync($"/api/v1/users/{await app.UserIdAsync(email)}");
        Assert.Equal("MSB", view.GetProperty("institutionCode").GetString());
        Assert.Equal(institution, view.GetProperty("institutionName").GetString());
        Assert.Equal(jurisdiction, view.GetProperty("jurisdictionName").GetString());
    }

    [Fact]
    public async Task InvitePage_Institutions_AreSortedByTheirNameInTheReadersLanguage()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var invite = await Html.GetAsync(admin, "/admin/users/invite");

        var names = invite.QuerySelectorAll("#Input_Institution option").Skip(1).Select(o => o.TextContent).ToList();
        Assert.Contains("Ministry of Security of Bosnia and Herzegovina", names);
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), names);
    }

    [Theory]
    [InlineData("bs", "Pregled strategije", "Prilaganje datoteka zapisima")]
    [InlineData("sr-Cyrl", "Преглед стратегије", "Прилагање датотека записима")]
    [InlineData("en", "Read the strategy", "Attach files to the records")]
    public async Task RolesPage_Permissions_AreNamedInTheReadersLanguage_WithTheirCodeBeside(string culture, string first, string last)
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        var page = await Html.GetAsync(admin, "/admin/roles");

        var rows = page.QuerySelectorAll("tbody th[scope=row]");
        Assert.Equal(Permissions.All.Count, rows.Length);
        Assert.StartsWith(first, rows[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(StrategyPermissions.Read, rows[0].QuerySelector(".permission-code")?.TextContent);
        Assert.StartsWith(last, rows[^1].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(Permissions.All[^1], rows[^1].QuerySelector(".permission-code")?.TextContent);
    }

    [Fact]
    public async Task TokensPage_Permissions_AreNamedInTheReadersLanguage_WithTheirCodeBeside()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("hr");
        var page = await Html.GetAsync(admin, "/account/tokens");

        var label = page.QuerySelector("label[for='perm-Users-Manage']");
        Assert.StartsWith("Upravljanje korisničkim računima", label?.TextContent.Trim(), StringComparison.Ordinal);
        var created = await Html.SubmitAsync(admin, page, "main form", new Dictionary<string, string> { ["Name"] = "Synthetic system", ["ExpiresInDays"] = "30", ["Chosen"] = StrategyPermissions.Read });

        var result = await Html.ParseAsync(created);
        var listed = result.QuerySelector("tbody td ul li");
        Assert.StartsWith("Pregled strategije", listed?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(StrategyPermissions.Read, listed?.QuerySelector(".permission-code")?.TextContent);
    }
}
