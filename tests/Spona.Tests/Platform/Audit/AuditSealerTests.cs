using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.ReferenceData;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Audit;

/// <summary>
/// ADR 0017: a change inserts its audit entry unsealed, in its own transaction and without the chain lock; the sealer
/// links entries into the chain in the order they were committed; verification reports what waits and fails the bound
/// when it waits too long. Entries that belong to no change (reads, refusals) are sealed by the group commit as it
/// writes them, after whatever waited (amendment 2026-12-03). The application's background sealer is switched off
/// here, so the test decides when sealing happens.
/// </summary>
public sealed class AuditSealerTests(AuditSealerTests.ManualSealFixture app) : IClassFixture<AuditSealerTests.ManualSealFixture>
{
    private async Task RecordAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(new AuditEvent(AuditActions.Export, "Synthetic", key), cancellationToken);
    }

    /// <summary>Changes the <paramref name="index"/>th code item (an audited entity); returns the key its entry carries.</summary>
    private async Task<string> ChangeAsync(int index)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var item = await db.CodeItems.OrderBy(c => c.Id).Skip(index).FirstAsync();
        item.SortOrder += 1;
        await db.SaveChangesAsync();
        return item.Id.ToString();
    }

    private async Task<AuditVerification> VerifyWithoutSealingAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, CancellationToken.None);
    }

    private async Task<List<AuditEntry>> ChainAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    [Fact]
    public async Task AChange_WaitsUnsealed_ThenIsChainedInOrder_AndVerifyReportsAndBoundsTheLag()
    {
        await app.Factory.SealAuditAsync();
        var before = await VerifyWithoutSealingAsync();
        Assert.Equal(0, before.Unsealed!.Count);

        List<string> keys = [];
        foreach (var index in new[] { 2, 0, 1 })
        {
            keys.Add(await ChangeAsync(index));
        }

        var waiting = await VerifyWithoutSealingAsync();
        Assert.True(waiting.Intact);
        Assert.Equal(before.Count, waiting.Count);
        Assert.Equal(before.RootHash, waiting.RootHash);
        Assert.Equal(3, waiting.Unsealed!.Count);
        Assert.False(waiting.Unsealed.Exceeded);
        Assert.DoesNotContain(await ChainAsync(), e => e.Sequence > before.Count);

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var lagging = await VerifyWithoutSealingAsync();
        Assert.True(lagging.Unsealed!.Exceeded);
        Assert.True(lagging.Unsealed.OldestAge >= TimeSpan.FromSeconds(61));

        Assert.Equal(3, await app.Factory.SealAuditAsync());
        var after = await VerifyWithoutSealingAsync();
        Assert.True(after.Intact, after.Failure?.Detail);
        Assert.Equal(before.Count + 3, after.Count);
        Assert.Equal(0, after.Unsealed!.Count);
        Assert.False(after.Unsealed.Exceeded);
        var sealedEntries = (await ChainAsync()).Where(e => e.Sequence > before.Count).ToList();
        Assert.Equal(keys, sealedEntries.Select(e => e.EntityKey));
        Assert.All(sealedEntries, e => Assert.Equal(nameof(CodeItem), e.EntityType));
        Assert.Equal([before.Count + 1, before.Count + 2, before.Count + 3], sealedEntries.Select(e => e.Sequence));
        Assert.Equal(0, await app.Factory.SealAuditAsync());
    }

    [Fact]
    public async Task AnEntryOfNoChange_IsSealedAsItIsWritten_AfterTheChangesThatWaited()
    {
        await app.Factory.SealAuditAsync();
        var before = await VerifyWithoutSealingAsync();
        var changed = await ChangeAsync(3);
        Assert.Equal(1, (await VerifyWithoutSealingAsync()).Unsealed!.Count);

        await RecordAsync("group-1");
        await RecordAsync("group-2");

        // No sealer ran: the group commit sealed the waiting change first, then its own entries, in that order.
        var after = await VerifyWithoutSealingAsync();
        Assert.True(after.Intact, after.Failure?.Detail);
        Assert.Equal(0, after.Unsealed!.Count);
        Assert.Equal(before.Count + 3, after.Count);
        var chained = (await ChainAsync()).Where(e => e.Sequence > before.Count).ToList();
        Assert.Equal([changed, "group-1", "group-2"], chained.Select(e => e.EntityKey));
        Assert.Equal([before.Count + 1, before.Count + 2, before.Count + 3], chained.Select(e => e.Sequence));
        Assert.Equal(0, await app.Factory.SealAuditAsync());
    }

    [Fact]
    public async Task AGroupCommittedEntry_IsStoredAsASaveChangesWouldStoreIt()
    {
        // The group commit writes with its own INSERT, built from the model: every column must round-trip and be found
        // by the queries the application runs (a Guid stored in another text form would be invisible to them).
        var actor = Guid.NewGuid();
        var institution = Guid.NewGuid();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(
                new AuditEvent(AuditActions.RecordRead, "Synthetic", "round-trip", AuditOutcome.Denied, Reason: "synthetic reason", Changes: """[{"field":"route","new":"GET /x"}]""")
                { ActorUserId = actor, ActorLabel = "someone@example.test", InstitutionId = institution },
                CancellationToken.None);
        }

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var entries = scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>().AsNoTracking();
            var entry = await entries.SingleAsync(e => e.ActorUserId == actor && e.InstitutionId == institution && e.Outcome == AuditOutcome.Denied);
            Assert.Equal(("round-trip", "Synthetic", AuditActions.RecordRead, "someone@example.test"), (entry.EntityKey, entry.EntityType, entry.Action, entry.ActorLabel));
            Assert.Equal(("synthetic reason", """[{"field":"route","new":"GET /x"}]"""), (entry.Reason, entry.Changes));
            Assert.Equal(DateTimeKind.Utc, entry.OccurredAt.Kind);
            Assert.True(await entries.AnyAsync(e => e.OccurredAt == entry.OccurredAt && e.OperationId == entry.OperationId && e.Sequence == entry.Sequence));
            Assert.Equal(AuditHash.Compute(entry), entry.EntryHash);
            var previous = await entries.SingleAsync(e => e.Sequence == entry.Sequence - 1);
            Assert.Equal(previous.EntryHash, entry.PreviousHash);
        }

        Assert.True((await VerifyWithoutSealingAsync()).Intact);
    }

    [Fact]
    public async Task WhileTheChainLockIsHeld_ChangesStillCommit_SealingAndGroupCommitsWait()
    {
        if (!app.Database.IsPostgres)
        {
            // SQLite has no chain lock of its own: the sealer uses the database's single write lock, which every writer
            // takes for its own transaction anyway. The unsealed path is covered by the tests above on both databases.
            return;
        }

        await app.Factory.SealAuditAsync();
        await using var holder = new NpgsqlConnection(app.Database.ConnectionString);
        await holder.OpenAsync();
        await using (var command = holder.CreateCommand())
        {
            command.CommandText = $"SELECT pg_advisory_lock({AuditSaveChangesInterceptor.ChainLockKey})";
            await command.ExecuteNonQueryAsync();
        }

        // Before ADR 0017 a change waited for the lock; now it commits, unsealed.
        var changed = await ChangeAsync(4).WaitAsync(TimeSpan.FromSeconds(10));
        using (var brief = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.Factory.Services.GetRequiredService<AuditSealer>().SealPendingAsync(brief.Token));
        }

        // A group commit seals, so it waits for the holder (one sealer's batch, in practice) rather than breaking the line.
        var record = RecordAsync("while-locked");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(record.IsCompleted);

        await using (var command = holder.CreateCommand())
        {
            command.CommandText = $"SELECT pg_advisory_unlock({AuditSaveChangesInterceptor.ChainLockKey})";
            await command.ExecuteNonQueryAsync();
        }

        await record.WaitAsync(TimeSpan.FromSeconds(10));
        var chain = await ChainAsync();
        Assert.Equal([changed, "while-locked"], chain.TakeLast(2).Select(e => e.EntityKey));
        Assert.Equal(0, await app.Factory.SealAuditAsync());
        Assert.True((await VerifyWithoutSealingAsync()).Intact);
    }

    [Fact]
    public async Task ARolledBackChange_LeavesNoUnsealedEntry()
    {
        await app.Factory.SealAuditAsync();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var item = await db.CodeItems.OrderBy(c => c.Id).FirstAsync();
            item.SortOrder += 1;
            item.Version++;
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, (await VerifyWithoutSealingAsync()).Unsealed!.Count);
    }

    public sealed class ManualSealFixture : AppFixture
    {
        public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

        protected override void ConfigureServices(IServiceCollection services)
        {
            services.AddSingleton<TimeProvider>(Clock);
            var sealing = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(AuditSealingService));
            services.Remove(sealing);
        }
    }
}
