using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.ReferenceData;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Features.ReferenceData;

/// <summary>
/// The version of every versioned entity is raised on save by the platform, not by the code that edits it (S12):
/// two editors of one record from the same stale version, the second is told and nothing is overwritten.
/// </summary>
public sealed class AutomaticVersionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> Form(string code, string name) => new()
    {
        ["Input.Code"] = code,
        ["Input.Name"] = name,
        ["Input.Type"] = "SocialWorkCentre",
        ["Input.JurisdictionCode"] = "BA-09",
        ["Input.IsActive"] = "true",
    };

    [Fact]
    public async Task InstitutionPage_TwoStaleForms_SecondGetsTheConflictAndNothingIsOverwritten()
    {
        var client = await app.SignedInClientAsync(Roles.SystemAdministrator);
        await CreateAsync(client, "CSR-VERSION-PAGE");
        var first = await Html.GetAsync(client, "/reference/institutions/CSR-VERSION-PAGE/edit");
        var second = await Html.GetAsync(client, "/reference/institutions/CSR-VERSION-PAGE/edit");

        var saved = await Html.SubmitAsync(client, first, "main form", Form("CSR-VERSION-PAGE", "First editor"));
        var stale = await Html.SubmitAsync(client, second, "main form", Form("CSR-VERSION-PAGE", "Second editor"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else changed this record", (await Html.ParseAsync(stale)).Text(".error-summary"), StringComparison.Ordinal);
        var stored = await client.GetJsonAsync("/api/v1/institutions/CSR-VERSION-PAGE");
        Assert.Equal("First editor", stored.GetProperty("name").GetString());
        Assert.Equal(2, stored.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task InstitutionApi_TwoEditsFromOneVersion_SecondIs409AndNothingIsOverwritten()
    {
        var client = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var version = (await CreateAsync(client, "CSR-VERSION-API")).GetProperty("version").GetInt32();
        object Edit(string name) => new { code = "CSR-VERSION-API", name, type = "SocialWorkCentre", jurisdictionCode = "BA-09", isActive = true, version };

        var first = await client.PutJsonAsync("/api/v1/institutions/CSR-VERSION-API", Edit("First editor"), HttpStatusCode.OK);
        var problem = await client.PutJsonAsync("/api/v1/institutions/CSR-VERSION-API", Edit("Second editor"), HttpStatusCode.Conflict);

        Assert.Equal(version + 1, first.GetProperty("version").GetInt32());
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal("First editor", (await client.GetJsonAsync("/api/v1/institutions/CSR-VERSION-API")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task SaveChanges_TwoContextsEditOneInstitution_VersionRaisedAndSecondRefused()
    {
        var client = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var version = (await CreateAsync(client, "CSR-VERSION-DB")).GetProperty("version").GetInt32();
        await using var firstScope = app.Factory.Services.CreateAsyncScope();
        await using var secondScope = app.Factory.Services.CreateAsyncScope();
        var firstDb = firstScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var secondDb = secondScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var one = await firstDb.Institutions.SingleAsync(i => i.Code == "CSR-VERSION-DB");
        var two = await secondDb.Institutions.SingleAsync(i => i.Code == "CSR-VERSION-DB");

        // Neither editor touches the version: the platform raises it.
        one.Name = "First editor";
        await firstDb.SaveChangesAsync();
        two.Name = "Second editor";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());

        await using var check = app.Factory.Services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<AppDbContext>().Institutions.AsNoTracking().SingleAsync(i => i.Code == "CSR-VERSION-DB");
        Assert.Equal(version + 1, one.Version);
        Assert.Equal(version + 1, stored.Version);
        Assert.Equal("First editor", stored.Name);
    }

    [Fact]
    public async Task SaveChanges_OnlyAnOwnedLabelChanges_VersionRaised()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var item = await db.CodeItems.OrderBy(i => i.Code).FirstAsync();
        var before = item.Version;

        item.Label = new Spona.Web.Features.Shared.LocalizedText { En = "Changed label", Bs = item.Label.Bs, Hr = item.Label.Hr, SrLatn = item.Label.SrLatn, SrCyrl = item.Label.SrCyrl };
        await db.SaveChangesAsync();

        Assert.Equal(before + 1, (await db.CodeItems.AsNoTracking().SingleAsync(i => i.Id == item.Id)).Version);
    }

    private static async Task<System.Text.Json.JsonElement> CreateAsync(HttpClient client, string code) =>
        await client.PostJsonAsync("/api/v1/institutions", new { code, name = "JU Centar za socijalni rad " + code, type = nameof(InstitutionType.SocialWorkCentre), jurisdictionCode = "BA-09", isActive = true }, HttpStatusCode.Created);
}
