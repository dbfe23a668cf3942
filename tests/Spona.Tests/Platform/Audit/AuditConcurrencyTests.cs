using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
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
}
