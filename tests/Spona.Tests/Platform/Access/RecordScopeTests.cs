using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Access;

/// <summary>A record type that exists only in these tests, to exercise the scope mechanism on both databases.</summary>
public sealed class TestCase : IScopedRecord
{
    public static string RecordType => "TestCase";

    public Guid Id { get; set; }

    public Guid OwnerInstitutionId { get; set; }

    public Guid? JurisdictionId { get; set; }

    public required string Title { get; set; }
}

/// <summary>S5: institution, jurisdiction (with everything below it), assignment, referral, break the glass; nothing else.</summary>
public sealed class RecordScopeTests(RecordScopeTests.ScopeFixture app) : IClassFixture<RecordScopeTests.ScopeFixture>
{
    private static async Task<(Guid Msb, Guid Sipa, Guid Canton1, Guid Bihac, Guid Canton2)> RefsAsync(AppDbContext db) =>
        (await db.Institutions.Where(i => i.Code == "MSB").Select(i => i.Id).SingleAsync(),
         await db.Institutions.Where(i => i.Code == "SIPA").Select(i => i.Id).SingleAsync(),
         await db.Jurisdictions.Where(j => j.Code == "BA-01").Select(j => j.Id).SingleAsync(),
         await db.Jurisdictions.Where(j => j.Code == "BA-01-BIHAC").Select(j => j.Id).SingleAsync(),
         await db.Jurisdictions.Where(j => j.Code == "BA-02").Select(j => j.Id).SingleAsync());

    [Fact]
    public async Task Filter_And_CanAccess_AgreeOnTheWholeMatrix()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();
        var (msb, sipa, canton1, bihac, canton2) = await RefsAsync(db);
        var email = await app.CreateUserAsync(Roles.CaseWorker);
        var user = (await users.FindByEmailAsync(email))!;
        user.JurisdictionId = canton1; // the user's institution is MSB; their scope covers canton 1 and its municipalities
        await users.UpdateAsync(user);
        var other = await users.FindByEmailAsync(await app.CreateUserAsync(Roles.CaseWorker));
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;

        TestCase Case(string title, Guid owner, Guid? jurisdiction) => new() { Id = Guid.NewGuid(), Title = title, OwnerInstitutionId = owner, JurisdictionId = jurisdiction };
        var cases = new Dictionary<string, (TestCase Case, bool Expected)>
        {
            ["own institution"] = (Case("own", msb, canton2), true),
            ["municipality in scope"] = (Case("bihac", sipa, bihac), true),
            ["canton in scope"] = (Case("canton", sipa, canton1), true),
            ["elsewhere"] = (Case("elsewhere", sipa, canton2), false),
            ["no jurisdiction"] = (Case("none", sipa, null), false),
            ["assigned"] = (Case("assigned", sipa, canton2), true),
            ["referred to institution"] = (Case("referred", sipa, canton2), true),
            ["expired grant"] = (Case("expired", sipa, canton2), false),
            ["revoked grant"] = (Case("revoked", sipa, canton2), false),
            ["granted to someone else"] = (Case("others", sipa, canton2), false),
            ["future grant"] = (Case("future", sipa, canton2), false),
        };
        db.AddRange(cases.Values.Select(c => c.Case));
        RecordAccessGrant Grant(string key, Guid? toUser, Guid? toInstitution, GrantBasis basis, DateTime from, DateTime? until, DateTime? revoked = null) => new()
        {
            Id = Guid.NewGuid(),
            RecordType = TestCase.RecordType,
            RecordId = cases[key].Case.Id,
            GranteeUserId = toUser,
            GranteeInstitutionId = toInstitution,
            Basis = basis,
            ValidFrom = from,
            ValidUntil = until,
            RevokedAt = revoked,
            CreatedAt = now,
            CreatedByUserId = user.Id,
        };
        db.AddRange(
            Grant("assigned", user.Id, null, GrantBasis.Assignment, now.AddDays(-1), null),
            Grant("referred to institution", null, msb, GrantBasis.Referral, now.AddDays(-1), now.AddDays(1)),
            Grant("expired grant", user.Id, null, GrantBasis.BreakGlass, now.AddHours(-6), now.AddHours(-2)),
            Grant("revoked grant", user.Id, null, GrantBasis.Assignment, now.AddDays(-1), null, now.AddMinutes(-1)),
            Grant("granted to someone else", other!.Id, null, GrantBasis.Assignment, now.AddDays(-1), null),
            Grant("future grant", user.Id, null, GrantBasis.Assignment, now.AddDays(1), null));
        await db.SaveChangesAsync();

        var records = scope.ServiceProvider.GetRequiredService<RecordScope>();
        var userScope = await records.ForUserAsync(user.Id);
        var ids = cases.Values.Select(c => c.Case.Id).ToList();
        var visible = await records.Filter(db.Set<TestCase>().Where(c => ids.Contains(c.Id)), userScope).Select(c => c.Title).ToListAsync();

        // The query filter, with nothing asked of the query: the same user, as a request would see it.
        List<string> byDefault;
        await using (var request = app.Factory.Services.CreateAsyncScope())
        {
            ActAs(request.ServiceProvider, user.Id, msb, canton1);
            var requestDb = request.ServiceProvider.GetRequiredService<AppDbContext>();
            byDefault = await requestDb.Set<TestCase>().Where(c => ids.Contains(c.Id)).Select(c => c.Title).ToListAsync();
            Assert.Equal(cases.Count, await requestDb.Set<TestCase>().WithoutScope(ScopeOptOut.Statistics).CountAsync(c => ids.Contains(c.Id)));
            request.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext = null;
        }

        foreach (var (name, (record, expected)) in cases)
        {
            Assert.True(expected == visible.Contains(record.Title), $"{name}: list says {visible.Contains(record.Title)}, expected {expected}");
            Assert.True(expected == byDefault.Contains(record.Title), $"{name}: the query filter says {byDefault.Contains(record.Title)}, expected {expected}");
            Assert.True(expected == await records.CanAccessAsync(record, userScope), $"{name}: detail check disagrees");
        }

        // Outside a request (jobs, start-up) a query reaches no scoped record unless it names why.
        Assert.Empty(await db.Set<TestCase>().Where(c => ids.Contains(c.Id)).ToListAsync());
        foreach (var reason in Enum.GetValues<ScopeOptOut>())
        {
            Assert.Equal(cases.Count, await db.Set<TestCase>().WithoutScope(reason).CountAsync(c => ids.Contains(c.Id)));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => db.Set<TestCase>().WithoutScope((ScopeOptOut)99));

        user.IsDisabled = true;
        await users.UpdateAsync(user);
        var disabled = await records.ForUserAsync(user.Id);
        Assert.Empty(await records.Filter(db.Set<TestCase>().Where(c => ids.Contains(c.Id)), disabled).ToListAsync());
    }

    [Fact]
    public async Task BreakTheGlass_NeedsAReason_OpensForHours_AndIsShownToReviewers()
    {
        Guid caseId;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var (_, sipa, _, _, canton2) = await RefsAsync(db);
            var record = new TestCase { Id = Guid.NewGuid(), Title = "glass", OwnerInstitutionId = sipa, JurisdictionId = canton2 };
            db.Add(record);
            await db.SaveChangesAsync();
            caseId = record.Id;
        }

        var email = await app.CreateUserAsync(Roles.PoliceOfficer);
        var officer = app.Factory.CreateBrowser();
        await Html.SignInAsync(officer, email, AppFixture.Password);

        var tooShort = await officer.PostJsonAsync("/api/v1/access/break-glass", new { recordType = "TestCase", recordId = caseId, reason = "urgent" }, HttpStatusCode.BadRequest);
        await officer.PostJsonAsync("/api/v1/access/break-glass", new { recordType = "Victim", recordId = caseId, reason = "A long enough reason for the record" }, HttpStatusCode.BadRequest);
        await officer.PostJsonAsync("/api/v1/access/break-glass", new { recordType = "TestCase", recordId = Guid.NewGuid(), reason = "A long enough reason for the record" }, HttpStatusCode.NotFound);
        Assert.True(tooShort.GetProperty("errors").TryGetProperty("reason", out _));

        var page = await Html.GetAsync(officer, $"/access/break-glass/open?type=TestCase&id={caseId}");
        var opened = await Html.ParseAsync(await Html.SubmitAsync(officer, page, "main form", new Dictionary<string, string> { ["Reason"] = "Emergency placement tonight, duty officer CANARY-GLASS-77" }));
        Assert.Contains("Access is open until", opened.Text(".notice-success"), StringComparison.Ordinal);

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();
            var records = scope.ServiceProvider.GetRequiredService<RecordScope>();
            var userScope = await records.ForUserAsync((await users.FindByEmailAsync(email))!.Id);
            var record = await db.Set<TestCase>().WithoutScope(ScopeOptOut.SystemJob).SingleAsync(c => c.Id == caseId);
            Assert.True(await records.CanAccessAsync(record, userScope));
            var grant = await db.Set<RecordAccessGrant>().SingleAsync(g => g.RecordId == caseId);
            Assert.InRange((grant.ValidUntil!.Value - grant.ValidFrom).TotalHours, 3.99, 4.01);
        }

        var auditor = await app.SignedInClientAsync(Roles.Auditor);
        var review = await Html.GetAsync(auditor, "/access/break-glass");
        Assert.Contains("CANARY-GLASS-77", review.Text("tbody"), StringComparison.Ordinal);
        Assert.Contains(email, review.Text("tbody"), StringComparison.Ordinal);
        var list = await auditor.GetJsonAsync("/api/v1/access/break-glass");
        Assert.True(list.GetProperty("total").GetInt32() >= 1);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(new Uri("/api/v1/access/break-glass", UriKind.Relative))).StatusCode);

        // The break-glass entry runs in its operation (ADR 0022): the auditor sees the reason with it, and the
        // append-only entries never hold it.
        var trail = await auditor.GetJsonAsync($"/api/v1/audit?action=break-glass&entityKey={caseId}");
        var operation = Assert.Single(trail.GetProperty("items").EnumerateArray()).GetProperty("operation");
        Assert.Equal("access.break-glass", operation.GetProperty("type").GetString());
        Assert.Contains("CANARY-GLASS-77", operation.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var entries = await Spona.Tests.Platform.Audit.AuditDatabase.EntriesAsync(app.Factory);
        Assert.DoesNotContain(entries, e => (e.Changes + e.Reason + e.EntityKey).Contains("CANARY-GLASS", StringComparison.Ordinal));
        var trailPage = await Html.GetAsync(auditor, $"/audit?operation={operation.GetProperty("id").GetGuid()}");
        Assert.Contains("CANARY-GLASS-77", trailPage.Text(".operation-reason"), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryScopedRecordType_CarriesTheScopeFilter()
    {
        using var scope = app.Factory.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        var scoped = model.GetEntityTypes().Where(t => typeof(IScopedRecord).IsAssignableFrom(t.ClrType)).ToList();
        Assert.Contains(scoped, t => t.ClrType == typeof(TestCase));
        foreach (var type in scoped)
        {
            Assert.True(type.FindDeclaredQueryFilter(ScopeFilter.Name) is not null, $"{type.ClrType.Name} is a scoped record without the record-scope filter.");
        }

        // Every record type that break-the-glass knows is a type of the model or declared by a test.
        var registry = scope.ServiceProvider.GetRequiredService<RecordTypeRegistry>();
        Assert.Contains(TestCase.RecordType, registry.Names);
    }

    [Fact]
    public void NothingLeavesTheScopeFilterButItsNamedOptOuts()
    {
        var offenders = Directory.EnumerateFiles(SourceTree.WebProject, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && File.ReadAllText(f).Contains("IgnoreQueryFilters", StringComparison.Ordinal)
                && !f.EndsWith(Path.Combine("Platform", "Access", "ScopeFilter.cs"), StringComparison.Ordinal))
            .ToList();
        Assert.Empty(offenders);
    }

    /// <summary>Makes the scope's current user the given account, as the cookie check does for a request.</summary>
    internal static void ActAs(IServiceProvider services, Guid userId, Guid institutionId, Guid? jurisdictionId)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext
        {
            User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId.ToString())], "Test")),
        };
        AuthenticatedAccount.Remember(context, new AuthenticatedAccount(userId, institutionId, jurisdictionId));
        services.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext = context;
    }

    public sealed class ScopeFixture : AppFixture
    {
        protected override void ConfigureServices(IServiceCollection services)
        {
            // A test-only table (made below) that no migration knows of: the pending-model check must not stop start-up.
            services.ConfigureDbContext<AppDbContext>(options => options
                .ReplaceService<IModelCustomizer, TestCaseModelCustomizer>()
                .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)));
            services.AddRecordType(TestCase.RecordType, (provider, id, ct) => provider.GetRequiredService<AppDbContext>().Set<TestCase>().WithoutScope(ScopeOptOut.BreakGlass).AnyAsync(c => c.Id == id, ct));
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var scope = Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.ExecuteSqlRawAsync(Database.IsPostgres
                ? """CREATE TABLE "TestCases" ("Id" uuid PRIMARY KEY, "OwnerInstitutionId" uuid NOT NULL, "JurisdictionId" uuid NULL, "Title" text NOT NULL)"""
                : """CREATE TABLE "TestCases" ("Id" TEXT PRIMARY KEY, "OwnerInstitutionId" TEXT NOT NULL, "JurisdictionId" TEXT NULL, "Title" TEXT NOT NULL)""");
        }
    }

    private sealed class TestCaseModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            modelBuilder.Entity<TestCase>().ToTable("TestCases");
            base.Customize(modelBuilder, context);
        }
    }
}
