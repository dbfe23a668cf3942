using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.ReferenceData;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Audit;

/// <summary>Nothing writes around the trail: bulk and raw-SQL writes to audited and audit tables are refused and change nothing.</summary>
public sealed class AuditBypassGuardTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Table<T>(AppDbContext db) => db.Model.FindEntityType(typeof(T))!.GetTableName()!;

    [Fact]
    public async Task ExecuteUpdate_ExecuteDelete_AndRawSql_OnAuditedTables_AreRefused_AndChangeNothing()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var jurisdiction = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Code).FirstAsync();
        var items = await db.CodeItems.CountAsync();
        await app.Factory.SealAuditAsync();
        var entries = await db.Set<AuditEntry>().CountAsync();

        // Built first: an interpolated string passed straight to ExecuteSqlRaw would become a parameterised query.
        var rawUpdate = "UPDATE \"" + Table<Jurisdiction>(db) + "\" SET \"Code\" = 'BYPASS'";
        var rawDelete = "delete from " + Table<Institution>(db) + " where 1 = 0";
        var rawUnsealed = "DELETE FROM \"" + Table<UnsealedAuditEntry>(db) + "\"";
        var rawInsert = "INSERT INTO \"" + Table<AuditEntry>(db) + "\" (\"Sequence\") VALUES (0)";
        var refused = new Func<Task>[]
        {
            () => db.Jurisdictions.Where(j => j.Id == jurisdiction.Id).ExecuteUpdateAsync(set => set.SetProperty(j => j.Code, "BYPASS")),
            () => db.CodeItems.ExecuteDeleteAsync(),
            () => db.Database.ExecuteSqlRawAsync(rawUpdate),
            () => db.Database.ExecuteSqlRawAsync(rawDelete),
            () => db.Database.ExecuteSqlRawAsync(rawUnsealed),
            () => db.Database.ExecuteSqlRawAsync(rawInsert),
        };
        foreach (var attempt in refused)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(attempt);
            Assert.Contains("audit", error.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(jurisdiction.Code, (await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Id == jurisdiction.Id)).Code);
        Assert.Equal(items, await db.CodeItems.CountAsync());
        await app.Factory.SealAuditAsync();
        Assert.Equal(entries, await db.Set<AuditEntry>().CountAsync());
    }

    [Fact]
    public async Task TrackedChanges_AndBulkWritesOfUnauditedTables_StillWork()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(0, await db.SetupTokens.Where(t => t.UsedAt == null && t.ExpiresAt < DateTime.MinValue.AddDays(1)).ExecuteDeleteAsync());

        var item = await db.CodeItems.OrderBy(c => c.Id).FirstAsync();
        item.SortOrder += 1;
        item.Version++;
        await db.SaveChangesAsync();
        await app.Factory.SealAuditAsync();
        Assert.True(await db.Set<AuditEntry>().AnyAsync(e => e.EntityType == nameof(CodeItem) && e.EntityKey == item.Id.ToString() && e.Action == AuditActions.EntityUpdated));
    }
}
