using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Features.ReferenceData;

public sealed class ReferenceDataApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Jurisdictions_SearchIgnoresCaseDiacriticsAndScript()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        var latin = await client.GetJsonAsync("/api/v1/jurisdictions?search=brcko");
        var cyrillic = await client.GetJsonAsync("/api/v1/jurisdictions?search=" + Uri.EscapeDataString("бања лука"));

        Assert.Contains(latin.GetProperty("items").EnumerateArray(), j => j.GetProperty("code").GetString() == "BA-BRC");
        Assert.Contains(cyrillic.GetProperty("items").EnumerateArray(), j => j.GetProperty("code").GetString() == "BA-SRP-BANJA-LUKA");
    }

    [Fact]
    public async Task Jurisdictions_PagesAndFiltersByLevel()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        var cantons = await client.GetJsonAsync("/api/v1/jurisdictions?kind=Canton&pageSize=4&page=3&sort=code");

        Assert.Equal(10, cantons.GetProperty("total").GetInt32());
        Assert.Equal(3, cantons.GetProperty("pageCount").GetInt32());
        Assert.Equal(["BA-09", "BA-10"], cantons.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/jurisdictions?search=")]
    [InlineData("/api/v1/institutions?search=")]
    [InlineData("/api/v1/code-lists/countries?search=")]
    [InlineData("/api/v1/strategy?search=")]
    public async Task Search_TooLong_Is400NamingTheParameter(string url)
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        var problem = await client.GetJsonAsync(url + new string('a', 201), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("search", out _));
    }

    [Fact]
    public async Task Jurisdictions_HugePageNumber_IsAnEmptyPageNotAnError()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        var page = await client.GetJsonAsync("/api/v1/jurisdictions?page=2147483647&pageSize=200");

        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.True(page.GetProperty("total").GetInt32() >= 163);
    }

    [Fact]
    public async Task Jurisdictions_BadQuery_Is400()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        var problem = await client.GetJsonAsync("/api/v1/jurisdictions?kind=Galaxy", HttpStatusCode.BadRequest);

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task CreateJurisdiction_ThenDuplicateAndBadParent_AreRefusedWithTheField()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var input = new { code = "BA-09-TEST-NEW", kind = "Municipality", name = "Nova Općina", parentCode = "BA-09", isActive = true };

        var created = await admin.PostJsonAsync("/api/v1/jurisdictions", input, HttpStatusCode.Created);
        var duplicate = await admin.PostJsonAsync("/api/v1/jurisdictions", input, HttpStatusCode.BadRequest);
        var orphan = await admin.PostJsonAsync("/api/v1/jurisdictions",
            new { code = "BA-XX-ORPHAN", kind = "Municipality", name = "Bez roditelja", parentCode = "NOPE", isActive = true }, HttpStatusCode.BadRequest);
        var secondState = await admin.PostJsonAsync("/api/v1/jurisdictions",
            new { code = "XK", kind = "State", name = "Druga država", isActive = true }, HttpStatusCode.BadRequest);
        var wrongLevel = await admin.PostJsonAsync("/api/v1/jurisdictions",
            new { code = "BA-CANTON-UNDER-MUNI", kind = "Canton", name = "Kanton", parentCode = "BA-09-CENTAR", isActive = true }, HttpStatusCode.BadRequest);

        Assert.Equal("BA-09", created.GetProperty("parentCode").GetString());
        Assert.True(duplicate.GetProperty("errors").TryGetProperty("Code", out _));
        Assert.True(orphan.GetProperty("errors").TryGetProperty("ParentCode", out _));
        Assert.True(wrongLevel.GetProperty("errors").TryGetProperty("ParentCode", out _));
        Assert.True(secondState.GetProperty("errors").TryGetProperty("Kind", out _));
    }

    [Fact]
    public async Task UpdateJurisdiction_WithStaleVersion_Is409AndChangesNothing()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var current = await admin.GetJsonAsync("/api/v1/jurisdictions/BA-08");
        var version = current.GetProperty("version").GetInt32();
        object Edit(string name, int v) => new { code = "BA-08", kind = "Canton", name, nameEn = "West Herzegovina Canton", parentCode = "BA-BIH", isActive = true, version = v };

        var first = await admin.PutJsonAsync("/api/v1/jurisdictions/BA-08", Edit("Zapadnohercegovački kanton (1)", version), HttpStatusCode.OK);
        await admin.PutJsonAsync("/api/v1/jurisdictions/BA-08", Edit("Zapadnohercegovački kanton (2)", version), HttpStatusCode.Conflict);

        Assert.Equal("Zapadnohercegovački kanton (1)", first.GetProperty("name").GetString());
        Assert.Equal("Zapadnohercegovački kanton (1)", (await admin.GetJsonAsync("/api/v1/jurisdictions/BA-08")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task UpdateJurisdiction_UnderOneOfItsOwnUnitsOrStrandingThem_Is400AndChangesNothing()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var entity = await admin.GetJsonAsync("/api/v1/jurisdictions/BA-BIH");
        var canton = await admin.GetJsonAsync("/api/v1/jurisdictions/BA-01");
        var audit = await AuditEntriesAsync();

        // The Federation as a city under one of its own cantons would make a cycle.
        var cycle = await admin.PutJsonAsync("/api/v1/jurisdictions/BA-BIH", new { code = "BA-BIH", kind = "City", name = "Federacija Bosne i Hercegovine", parentCode = "BA-01", isActive = true, version = entity.GetProperty("version").GetInt32() }, HttpStatusCode.BadRequest);
        // A canton turned into a municipality would leave its cities under a municipality.
        var stranded = await admin.PutJsonAsync("/api/v1/jurisdictions/BA-01", new { code = "BA-01", kind = "Municipality", name = "Unsko-sanski kanton", parentCode = "BA-BIH", isActive = true, version = canton.GetProperty("version").GetInt32() }, HttpStatusCode.BadRequest);

        Assert.True(cycle.GetProperty("errors").TryGetProperty("ParentCode", out _), cycle.ToString());
        Assert.True(stranded.GetProperty("errors").TryGetProperty("Kind", out _), stranded.ToString());
        Assert.Equal(entity.ToString(), (await admin.GetJsonAsync("/api/v1/jurisdictions/BA-BIH")).ToString());
        Assert.Equal(canton.ToString(), (await admin.GetJsonAsync("/api/v1/jurisdictions/BA-01")).ToString());
        Assert.Equal(audit, await AuditEntriesAsync());
    }

    private async Task<int> AuditEntriesAsync()
    {
        await app.Factory.SealAuditAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>().CountAsync(e => e.EntityType == "Jurisdiction");
    }

    [Theory]
    [InlineData("{\"code\": \"lower-case\", \"kind\": \"Municipality\", \"name\": \"X\", \"parentCode\": \"BA-09\"}", "Code")]
    [InlineData("{\"code\": \"BA-OK\", \"kind\": \"Planet\", \"name\": \"X\", \"parentCode\": \"BA-09\"}", null)]
    [InlineData("{\"code\": \"BA-OK\", \"kind\": \"Municipality\", \"name\": \"\", \"parentCode\": \"BA-09\"}", "Name")]
    [InlineData("not json", null)]
    public async Task CreateJurisdiction_BadInput_Is400AndCreatesNothing(string json, string? field)
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);

        var problem = await admin.PostRawAsync("/api/v1/jurisdictions", json, HttpStatusCode.BadRequest);

        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        await admin.GetJsonAsync("/api/v1/jurisdictions/BA-OK", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Institutions_CreateUpdateAndValidate()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var input = new { code = "NGO-TEST", name = "Udruženje za test", type = "Ngo", jurisdictionCode = "BA-03", email = "info@example.test", isActive = true };

        var created = await admin.PostJsonAsync("/api/v1/institutions", input, HttpStatusCode.Created);
        var badEmail = await admin.PostJsonAsync("/api/v1/institutions", new { code = "NGO-BAD", name = "X", type = "Ngo", jurisdictionCode = "BA-03", email = "not-an-email" }, HttpStatusCode.BadRequest);
        var badJurisdiction = await admin.PostJsonAsync("/api/v1/institutions", new { code = "NGO-BAD2", name = "X", type = "Ngo", jurisdictionCode = "XX" }, HttpStatusCode.BadRequest);
        var cycle = await admin.PutJsonAsync("/api/v1/institutions/MSB", new { code = "MSB", name = "Ministarstvo sigurnosti Bosne i Hercegovine", type = "Ministry", jurisdictionCode = "BA", parentCode = "SIPA", isActive = true, version = (await admin.GetJsonAsync("/api/v1/institutions/MSB")).GetProperty("version").GetInt32() }, HttpStatusCode.BadRequest);

        Assert.Equal("BA-03", created.GetProperty("jurisdictionCode").GetString());
        Assert.True(badEmail.GetProperty("errors").TryGetProperty("Email", out _), badEmail.ToString());
        Assert.True(badJurisdiction.GetProperty("errors").TryGetProperty("JurisdictionCode", out _));
        Assert.True(cycle.GetProperty("errors").TryGetProperty("ParentCode", out _));
        var list = await admin.GetJsonAsync("/api/v1/institutions?type=Ngo&jurisdiction=BA-03");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("code").GetString() == "NGO-TEST");
    }

    [Fact]
    public async Task CodeLists_AddTranslateAndDeactivateAnItem()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var item = new { code = "forced_surrogacy_test", labelEn = "Test form", labelBs = "Testni oblik", labelHr = "Testni oblik", labelSrLatn = "Testni oblik", isActive = true };

        var created = await admin.PostJsonAsync("/api/v1/code-lists/exploitation-forms/items", item, HttpStatusCode.Created);
        var inCyrillic = await admin.GetJsonAsync("/api/v1/code-lists/exploitation-forms/items/forced_surrogacy_test?culture=sr-Cyrl");
        await admin.PutJsonAsync("/api/v1/code-lists/exploitation-forms/items/forced_surrogacy_test",
            new { code = "forced_surrogacy_test", labelEn = "Test form", labelBs = "Testni oblik", labelHr = "Testni oblik", labelSrLatn = "Testni oblik", isActive = false, version = created.GetProperty("version").GetInt32() },
            HttpStatusCode.OK);
        var active = await admin.GetJsonAsync("/api/v1/code-lists/exploitation-forms?pageSize=200");
        var all = await admin.GetJsonAsync("/api/v1/code-lists/exploitation-forms?pageSize=200&includeInactive=true");
        var missingLabel = await admin.PostJsonAsync("/api/v1/code-lists/exploitation-forms/items", new { code = "x_missing", labelEn = "X" }, HttpStatusCode.BadRequest);

        Assert.Equal("Тестни облик", inCyrillic.GetProperty("label").GetString());
        Assert.DoesNotContain(active.GetProperty("items").EnumerateArray(), i => i.GetProperty("code").GetString() == "forced_surrogacy_test");
        Assert.Contains(all.GetProperty("items").EnumerateArray(), i => i.GetProperty("code").GetString() == "forced_surrogacy_test");
        Assert.True(missingLabel.GetProperty("errors").TryGetProperty("LabelBs", out _));
        await admin.GetJsonAsync("/api/v1/code-lists/no-such-list", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Manage_WithoutPermission_Is403()
    {
        var analyst = await app.SignedInClientAsync(Roles.Analyst);

        await analyst.PostJsonAsync("/api/v1/institutions", new { code = "NGO-NO", name = "X", type = "Ngo", jurisdictionCode = "BA" }, HttpStatusCode.Forbidden);
        await analyst.GetJsonAsync("/api/v1/institutions/NGO-NO", HttpStatusCode.NotFound);
    }
}
