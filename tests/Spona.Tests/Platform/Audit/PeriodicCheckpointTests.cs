using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Jobs;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Audit;

/// <summary>The checkpoint job verifies the trail and stores a checkpoint, only when the trail grew.</summary>
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
    public async Task TheCheckpointJob_StoresAVerifiedCheckpointOverTheWholeTrail_AndAnUnchangedTrailGetsNoSecond()
    {
        Assert.Empty(await CheckpointsAsync());
        var newest = await NewestEntryAsync();
        Assert.True(newest > 0, "seeding reference data writes audit entries");

        // The job is stored to fire hourly (Quartz keeps real time; the job reads the application's clock). Fire it now.
        var jobs = app.Factory.Services.GetRequiredService<IJobScheduler>();
        var listed = await Spona.Tests.Platform.Jobs.JobWaits.StoredAsync(jobs, PeriodicAuditCheckpoint.JobName);
        Assert.Equal("every 3600 s, misfire: RunOnceNow", listed.Schedule);
        Assert.True(await jobs.TriggerNowAsync(PeriodicAuditCheckpoint.JobName));
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        List<AuditCheckpoint> checkpoints;
        while ((checkpoints = await CheckpointsAsync()).Count == 0 && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(200);
        }

        var checkpoint = Assert.Single(checkpoints);
        Assert.Equal(newest, checkpoint.TreeSize);
        Assert.Equal(64, checkpoint.RootHash.Length);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, checkpoint.CreatedAt);

        using var scope = app.Factory.Services.CreateScope();
        var again = await scope.ServiceProvider.GetRequiredService<PeriodicAuditCheckpoint>().RunOnceAsync(CancellationToken.None);
        Assert.Null(again);
        Assert.Single(await CheckpointsAsync());
    }

    public sealed class ClockFixture : AppFixture
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }
}
