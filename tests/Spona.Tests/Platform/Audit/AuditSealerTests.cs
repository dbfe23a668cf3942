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
/// ADR 0017: a write inserts its audit entry unsealed, without the chain lock; the sealer links entries into the chain
/// in the order they were written; verification reports what waits and fails the bound when it waits too long. The
/// application's background sealer is switched off here, so the test decides when sealing happens.
/// </summary>
public sealed class AuditSealerTests(AuditSealerTests.ManualSealFixture app) : IClassFixture<AuditSealerTests.ManualSealFixture>
{
    private async Task RecordAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(new AuditEvent(AuditActions.Export, "Synthetic", key), cancellationToken);
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
    public async Task AWrite_WaitsUnsealed_ThenIsChainedInOrder_AndVerifyReportsAndBoundsTheLag()
    {
        await app.Factory.SealAuditAsync();
        var before = await VerifyWithoutSealingAsync();
        Assert.Equal(0, before.Unsealed!.Count);

        foreach (var key in new[] { "order-1", "order-2", "order-3" })
        {
            await RecordAsync(key);
        }

        var waiting = await VerifyWithoutSealingAsync();
        Assert.True(waiting.Intact);
        Assert.Equal(before.Count, waiting.Count);
        Assert.Equal(before.RootHash, waiting.RootHash);
        Assert.Equal(3, waiting.Unsealed!.Count);
        Assert.False(waiting.Unsealed.Exceeded);
        Assert.DoesNotContain(await ChainAsync(), e => e.EntityKey.StartsWith("order-", StringComparison.Ordinal));

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
        var sealedEntries = (await ChainAsync()).Where(e => e.EntityKey.StartsWith("order-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["order-1", "order-2", "order-3"], sealedEntries.Select(e => e.EntityKey));
        Assert.Equal([before.Count + 1, before.Count + 2, before.Count + 3], sealedEntries.Select(e => e.Sequence));
        Assert.Equal(0, await app.Factory.SealAuditAsync());
    }

    [Fact]
    public async Task WhileTheChainLockIsHeld_WritesStillCommit_OnlySealingWaits()
    {
        if (!app.Database.IsPostgres)
        {
            // SQLite has no chain lock of its own: the sealer uses the database's single write lock, which every writer
            // takes for its own transaction anyway. The unsealed path is covered by the test above on both databases.
            return;
        }

        await using var holder = new NpgsqlConnection(app.Database.ConnectionString);
        await holder.OpenAsync();
        await using (var command = holder.CreateCommand())
        {
            command.CommandText = $"SELECT pg_advisory_lock({AuditSaveChangesInterceptor.ChainLockKey})";
            await command.ExecuteNonQueryAsync();
        }

        using (var quick = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            // Before ADR 0017 this waited for the lock and was cancelled.
            await RecordAsync("while-locked", quick.Token);
        }

        using (var brief = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.Factory.Services.GetRequiredService<AuditSealer>().SealPendingAsync(brief.Token));
        }

        await using (var command = holder.CreateCommand())
        {
            command.CommandText = $"SELECT pg_advisory_unlock({AuditSaveChangesInterceptor.ChainLockKey})";
            await command.ExecuteNonQueryAsync();
        }

        Assert.True(await app.Factory.SealAuditAsync() >= 1);
        Assert.Contains(await ChainAsync(), e => e.EntityKey == "while-locked");
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
