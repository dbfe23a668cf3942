using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Audit;

/// <summary>The web application verifies the trail and stores a checkpoint every interval, only when the trail grew.</summary>
public sealed class PeriodicCheckpointTests(PeriodicCheckpointTests.ClockFixture app) : IClassFixture<PeriodicCheckpointTests.ClockFixture>
{
    private async Task<List<AuditCheckpoint>> CheckpointsAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditCheckpoint>().AsNoTracking().OrderBy(c => c.TreeSize).ToListAsync();
    }

    private async Task<long> NewestEntryAsync()
    {
        await app.Factory.SealAuditAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>().MaxAsync(e => e.Sequence);
    }

    [Fact]
    public async Task AfterTheInterval_AVerifiedCheckpointCoversTheWholeTrail_AndAnUnchangedTrailGetsNoSecond()
    {
        Assert.Empty(await CheckpointsAsync());
        var newest = await NewestEntryAsync();
        Assert.True(newest > 0, "seeding reference data writes audit entries");

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        List<AuditCheckpoint> checkpoints;
        while ((checkpoints = await CheckpointsAsync()).Count == 0 && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(200);
        }

        var checkpoint = Assert.Single(checkpoints);
        Assert.Equal(newest, checkpoint.TreeSize);
        Assert.Equal(64, checkpoint.RootHash.Length);

        var again = await app.Factory.Services.GetRequiredService<PeriodicAuditCheckpoint>().RunOnceAsync(CancellationToken.None);
        Assert.Null(again);
        Assert.Single(await CheckpointsAsync());
    }

    public sealed class ClockFixture : AppFixture
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }
}
