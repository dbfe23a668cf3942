using System.Net;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Features.ReferenceData;

public sealed class ReferenceDataPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Overview_ShowsCountsAndCodeLists()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        var page = await Html.GetAsync(client, "/reference");

        var lists = page.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/reference/code-lists/countries", lists);
        Assert.Contains("/reference/code-lists/exploitation-forms", lists);
        Assert.Contains("163", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jurisdictions_ReaderSeesNoEditLinks()
    {
        var client = await app.SignedInClientAsync(Roles.PoliceOfficer);

        var page = await Html.GetAsync(client, "/reference/jurisdictions?kind=Canton");

        Assert.Equal(10, page.QuerySelectorAll("tbody tr").Length);
        Assert.Empty(page.QuerySelectorAll("a[href$='/edit']"));
        await Html.GetAsync(client, "/reference/jurisdictions/BA-09/edit", HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Jurisdictions_PagingAndSortingLinksKeepTheFilter()
    {
        var client = await app.SignedInClientAsync(Roles.PoliceOfficer);

        var page = await Html.GetAsync(client, "/reference/jurisdictions?q=grad&sort=-code");

        var next = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
        var rows = page.QuerySelectorAll("tbody tr code").Select(c => c.TextContent).ToList();
        Assert.Equal(rows.OrderByDescending(c => c, StringComparer.Ordinal), rows);
        if (next is not null)
        {
            Assert.Contains("q=grad", next, StringComparison.Ordinal);
            Assert.Contains("p=2", next, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Jurisdictions_InvalidPageNumber_ShowsTheFirstPage()
    {
        var client = await app.SignedInClientAsync(Roles.PoliceOfficer);

        var page = await Html.GetAsync(client, "/reference/jurisdictions?p=-4&sort=drop+table");

        Assert.NotEmpty(page.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task Institution_AddThroughTheForm_ThenEdit()
    {
        var client = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var form = await Html.GetAsync(client, "/reference/institutions/new");

        var created = await Html.SubmitAsync(client, form, "main form", new Dictionary<string, string>
        {
            ["Input.Code"] = "CSR-TEST",
            ["Input.Name"] = "JU Centar za socijalni rad Test",
            ["Input.Type"] = "SocialWorkCentre",
            ["Input.JurisdictionCode"] = "BA-09",
            ["Input.Phone"] = "+387 33 000 000",
            ["Input.IsActive"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await Html.GetAsync(client, created.Headers.Location!.OriginalString);
        Assert.Contains("JU Centar za socijalni rad Test", list.Text("tbody"), StringComparison.Ordinal);
        Assert.NotNull(list.QuerySelector(".notice-success"));

        var edit = await Html.GetAsync(client, "/reference/institutions/CSR-TEST/edit");
        var saved = await Html.SubmitAsync(client, edit, "main form", new Dictionary<string, string>
        {
            ["Input.Code"] = "CSR-TEST",
            ["Input.Name"] = "JU Centar za socijalni rad Test (novo)",
            ["Input.Type"] = "SocialWorkCentre",
            ["Input.JurisdictionCode"] = "BA-09",
            ["Input.IsActive"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var stale = await Html.SubmitAsync(client, edit, "main form", new Dictionary<string, string>
        {
            ["Input.Code"] = "CSR-TEST",
            ["Input.Name"] = "Overwritten silently?",
            ["Input.Type"] = "SocialWorkCentre",
            ["Input.JurisdictionCode"] = "BA-09",
        });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else changed this record", (await Html.ParseAsync(stale)).Text(".error-summary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Institution_InvalidForm_NamesTheFieldsAndSavesNothing()
    {
        var client = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var form = await Html.GetAsync(client, "/reference/institutions/new");

        var response = await Html.SubmitAsync(client, form, "main form", new Dictionary<string, string>
        {
            ["Input.Code"] = "bad code!",
            ["Input.Name"] = "",
            ["Input.Type"] = "Spaceship",
            ["Input.JurisdictionCode"] = "",
            ["Input.Website"] = "javascript:alert(1)",
        });

        var page = await Html.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var field in new[] { "Input.Code", "Input.Name", "Input.Type", "Input.JurisdictionCode", "Input.Website" })
        {
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent), field);
        }

        await client.GetJsonAsync("/api/v1/institutions/bad code!", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CodeItem_AddThroughTheForm()
    {
        var client = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var form = await Html.GetAsync(client, "/reference/code-lists/languages/items/new");

        var response = await Html.SubmitAsync(client, form, "main form", new Dictionary<string, string>
        {
            ["Input.Code"] = "rmy-test",
            ["Input.LabelEn"] = "Vlax Romani (test)",
            ["Input.LabelBs"] = "Vlaški romski (test)",
            ["Input.LabelHr"] = "Vlaški romski (test)",
            ["Input.LabelSrLatn"] = "Vlaški romski (test)",
            ["Input.IsActive"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await Html.GetAsync(client, "/reference/code-lists/languages?q=vlaski");
        Assert.Contains("rmy-test", list.Text("tbody"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeList_Unknown_IsNotFound()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        await Html.GetAsync(client, "/reference/code-lists/nope", HttpStatusCode.NotFound);
    }
}
