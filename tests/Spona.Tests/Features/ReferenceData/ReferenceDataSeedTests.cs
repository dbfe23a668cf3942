using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.ReferenceData;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Features.ReferenceData;

public sealed class ReferenceDataSeedTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Seed_GovernmentStructureOfBosniaAndHerzegovina()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var all = await db.Jurisdictions.AsNoTracking().ToListAsync();
        var byId = all.ToDictionary(j => j.Id);
        var fbih = all.Single(j => j.Code == "BA-BIH");
        var rs = all.Single(j => j.Code == "BA-SRP");

        Assert.Single(all, j => j.Kind == JurisdictionKind.State);
        Assert.Equal(10, all.Count(j => j.Kind == JurisdictionKind.Canton && j.ParentId == fbih.Id));
        Assert.Single(all, j => j.Kind == JurisdictionKind.District && j.Code == "BA-BRC");
        var fbihLocal = all.Count(j => j.Kind is JurisdictionKind.City or JurisdictionKind.Municipality && j.ParentId is { } p && byId[p].ParentId == fbih.Id);
        var rsLocal = all.Where(j => j.Kind is JurisdictionKind.City or JurisdictionKind.Municipality && j.ParentId == rs.Id).ToList();
        Assert.InRange(fbihLocal, 79, 80);
        Assert.Equal(64, rsLocal.Count);
        Assert.All(rsLocal, j => Assert.False(string.IsNullOrWhiteSpace(j.NameCyrillic)));
        Assert.All(rsLocal, j => Assert.NotNull(j.RegionId));
    }

    [Fact]
    public async Task Seed_InstitutionsAndCodeLists()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var ministry = await db.Institutions.AsNoTracking().SingleAsync(i => i.Code == Institution.DefaultAdministratorInstitutionCode);
        Assert.Equal(InstitutionType.Ministry, ministry.Type);
        Assert.True(await db.Institutions.AnyAsync(i => i.Type == InstitutionType.PoliceAgency && i.ParentId == ministry.Id));
        foreach (var (list, atLeast) in new[] { ("countries", 249), ("languages", 180), ("exploitation-forms", 10), ("sexes", 4) })
        {
            var id = await db.CodeLists.Where(l => l.Key == list).Select(l => l.Id).SingleAsync();
            Assert.True(await db.CodeItems.CountAsync(i => i.CodeListId == id) >= atLeast, list);
        }

        var forms = await db.CodeLists.Where(l => l.Key == "exploitation-forms").Select(l => l.Id).SingleAsync();
        var codes = await db.CodeItems.Where(i => i.CodeListId == forms).Select(i => i.Code).ToListAsync();
        Assert.Contains("forced_begging", codes);
        Assert.Contains("forced_criminality", codes);
    }

    [Fact]
    public async Task Seed_RunAgain_AddsNothingAndKeepsEdits()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var seeder = scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>();
        var tuzla = await db.Jurisdictions.SingleAsync(j => j.Code == "BA-03");
        tuzla.Rename("Tuzlanski kanton (izmijenjeno)", null, "Tuzla Canton");
        await db.SaveChangesAsync();

        var unchanged = await seeder.SeedAsync(CancellationToken.None);
        var forced = await seeder.SeedAsync(CancellationToken.None, force: true);

        Assert.Equal(new ReferenceDataSeeder.SeedResult(0, 0, 0), unchanged);
        Assert.Equal(new ReferenceDataSeeder.SeedResult(0, 0, 0), forced);
        Assert.Equal("Tuzlanski kanton (izmijenjeno)", (await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "BA-03")).Name);
    }
}
