using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Jobs;

namespace Spona.Tests.Platform.Jobs;

/// <summary>
/// Two application instances on one PostgreSQL database: every firing of a recurring job and every one-off job runs
/// exactly once, whichever instance runs it, and when one instance stops the other goes on. Quartz refuses clustering
/// on SQLite (ADR 0021), so there the same test runs one instance on the database file and stops nothing.
/// </summary>
public sealed class JobClusterTests : IAsyncLifetime
{
    private const string Tick = "test.tick";
    private const string Once = "test.once";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Jobs:IdleWaitSeconds"] = "1",
        ["Jobs:CheckinSeconds"] = "2",
    };

    private readonly JobRecorder recorder = new();
    private TestDatabase? database;
    private SponaFactory? first;
    private SponaFactory? second;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        first = new SponaFactory(database, services => Register(services, "first"), Settings);
        _ = first.Server;
        if (database.IsPostgres)
        {
            second = new SponaFactory(database, services => Register(services, "second"), Settings);
            _ = second.Server;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in new[] { second, first })
        {
            if (factory is not null)
            {
                await factory.DisposeAsync();
            }
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    private void Register(IServiceCollection services, string instance)
    {
        services.AddSingleton(recorder);
        services.AddSingleton(new InstanceTag(instance));
        services.AddRecurringJob<RecordingJob>(Tick, JobSchedule.Every(TimeSpan.FromSeconds(1)));
        services.AddJob<OnceJob>(Once);
    }

    [Fact]
    public async Task TwoInstances_RunEachFiringAndEachOneOffJobOnce_AndOneGoesOnWhenTheOtherStops()
    {
        // Ten one-off jobs due at the same instant, each scheduled from both instances at once: one of the two is
        // refused, and each runs once.
        var at = TimeProvider.System.GetUtcNow().AddSeconds(2);
        var keys = Enumerable.Range(0, 10).Select(i => string.Create(CultureInfo.InvariantCulture, $"test-{i}-{Guid.NewGuid():N}")).ToList();
        var instances = new[] { first, second }.OfType<SponaFactory>().ToList();
        var scheduled = await Task.WhenAll(keys.SelectMany(key => instances.Select(f =>
            f.Services.GetRequiredService<IJobScheduler>().ScheduleOnceAsync<OnceJob>(key, at, new Dictionary<string, string> { ["item"] = key }))));
        Assert.Equal(keys.Count, scheduled.Count(s => s));

        await JobRecorder.WaitUntilAsync(() => recorder.Of(Once).Count >= keys.Count && recorder.Of(Tick).Count >= 6, TimeSpan.FromSeconds(60), "the one-off jobs and six ticks ran");

        var stopped = TimeProvider.System.GetUtcNow();
        if (second is not null)
        {
            await first!.DisposeAsync();
            first = null;
            stopped = TimeProvider.System.GetUtcNow();
        }

        await JobRecorder.WaitUntilAsync(() => recorder.Of(Tick).Count(r => r.Run.ScheduledAt > stopped.AddSeconds(1)) >= 4, TimeSpan.FromSeconds(60), "four ticks ran after the first instance stopped");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var once = recorder.Of(Once);
        Assert.Equal(keys.Order(StringComparer.Ordinal), once.Select(r => r.Run.Key!).Order(StringComparer.Ordinal));
        Assert.All(once, r => Assert.Equal(r.Run.Key, r.Run.Data["item"]));
        Assert.All(once, r => Assert.Equal(1, r.Run.Attempt));

        var ticks = recorder.Of(Tick);
        var duplicates = ticks.GroupBy(r => r.Run.ScheduledAt).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        var times = ticks.Select(r => r.Run.ScheduledAt).Order().ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).Where(d => d != TimeSpan.FromSeconds(1)).ToList();
        Assert.Empty(gaps);
        if (second is not null)
        {
            Assert.Contains(ticks, r => r.Instance == "second" && r.Run.ScheduledAt > stopped);
            Assert.DoesNotContain(ticks, r => r.Instance == "first" && r.Run.ScheduledAt > stopped.AddSeconds(1));
        }
    }

    /// <summary>A one-off test job: records its run.</summary>
    public sealed class OnceJob(JobRecorder recorder, InstanceTag instance) : ISponaJob
    {
        public Task RunAsync(JobRun run, CancellationToken cancellationToken)
        {
            recorder.Record(run, instance.Name);
            return Task.CompletedTask;
        }
    }
}
