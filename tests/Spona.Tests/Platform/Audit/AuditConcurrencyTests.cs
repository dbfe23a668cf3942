using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.ReferenceData;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Audit;

/// <summary>Many writers at once, from two application instances on one database: the chain stays one chain.</summary>
public sealed class AuditConcurrencyTests : IAsyncLifetime
{
    private readonly AppFixture app = new();
    private SponaFactory? second;

    public async Task InitializeAsync()
    {
        await app.InitializeAsync();
        second = new SponaFactory(app.Database);
        _ = second.Server;
    }

    public async Task DisposeAsync()
    {
        if (second is not null)
        {
            await second.DisposeAsync();
        }

        await app.DisposeAsync();
    }

    [Fact]
    public async Task ConcurrentWriters_OnTwoInstances_KeepTheChainIntact()
    {
        var before = (await AuditDatabase.VerifyAsync(app.Factory)).Count;
        const int Writers = 8;
        const int WritesEach = 10;

        var tasks = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var factory = w % 2 == 0 ? app.Factory : second!;
            for (var i = 0; i < WritesEach; i++)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                // Each writer its own code item, so no optimistic-concurrency conflicts: only the chain is contended.
                var item = await db.CodeItems.OrderBy(c => c.Id).Skip(w).FirstAsync();
                item.SortOrder += 1;
                item.Version++;
                await db.SaveChangesAsync();
                await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(new AuditEvent(AuditActions.Export, "Synthetic", $"w{w}-{i}"), CancellationToken.None);
            }
        })).ToList();
        await Task.WhenAll(tasks);

        var result = await AuditDatabase.VerifyAsync(app.Factory);
        Assert.True(result.Intact, result.Failure?.Detail);
        Assert.Equal(before + (2 * Writers * WritesEach), result.Count);
    }

    [Fact]
    public async Task BackgroundSealers_OfTwoInstances_SealEveryWrite_IntoOneChain_WithoutBeingAsked()
    {
        var before = (await AuditDatabase.VerifyAsync(app.Factory)).Count;
        const int Writers = 8;
        const int WritesEach = 10;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var factory = w % 2 == 0 ? app.Factory : second!;
            for (var i = 0; i < WritesEach; i++)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(new AuditEvent(AuditActions.Export, "Synthetic", $"bg-w{w}-{i}"), CancellationToken.None);
            }
        })));

        // No seal-now here: the instances' own sealers must do it, well within the default bound.
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        AuditVerification result;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var verifier = scope.ServiceProvider.GetRequiredService<AuditVerifier>();
            while ((result = await verifier.VerifyAsync(null, CancellationToken.None)).Unsealed!.Count > 0 && TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(result.Intact, result.Failure?.Detail);
        Assert.Equal(0, result.Unsealed!.Count);
        Assert.Equal(before + (Writers * WritesEach), result.Count);
        var keys = (await AuditDatabase.EntriesAsync(app.Factory)).Where(e => e.EntityKey.StartsWith("bg-", StringComparison.Ordinal)).Select(e => e.EntityKey).ToList();
        Assert.Equal(Writers * WritesEach, keys.Distinct().Count());
        // Each writer's entries are chained in the order it wrote them.
        for (var w = 0; w < Writers; w++)
        {
            var own = keys.Where(k => k.StartsWith($"bg-w{w}-", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, WritesEach).Select(i => $"bg-w{w}-{i}"), own);
        }
    }

    [Fact]
    public async Task ConcurrentFlushes_AreCommittedTogether_EachEntryKeepsItsOwnActorAndOperation()
    {
        // Group commit (ADR 0017): requests that flush at once share transactions, but no entry may take another
        // request's actor, operation or key, and none may be lost or written twice.
        const int Requests = 40;
        var written = await Task.WhenAll(Enumerable.Range(0, Requests).Select(r => Task.Run(async () =>
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
            var operation = scope.ServiceProvider.GetRequiredService<PendingAuditEvents>().DefaultOperationId;
            await trail.RecordAsync(new AuditEvent(AuditActions.Export, "Synthetic", $"gc-{r}") { ActorLabel = $"actor-{r}" }, CancellationToken.None);
            return (Key: $"gc-{r}", Operation: operation);
        })));

        var entries = (await AuditDatabase.EntriesAsync(app.Factory)).Where(e => e.EntityKey.StartsWith("gc-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Requests, entries.Count);
        foreach (var (key, operation) in written)
        {
            var entry = Assert.Single(entries, e => e.EntityKey == key);
            Assert.Equal($"actor-{key[3..]}", entry.ActorLabel);
            Assert.Equal(operation, entry.OperationId);
        }

        var result = await AuditDatabase.VerifyAsync(app.Factory);
        Assert.True(result.Intact, result.Failure?.Detail);
    }
}
