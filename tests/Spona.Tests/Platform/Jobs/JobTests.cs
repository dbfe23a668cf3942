using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Jobs;

namespace Spona.Tests.Platform.Jobs;

/// <summary>One-off jobs are idempotent by key; a failing job is retried and logged without the data it failed on.</summary>
public sealed class JobTests(JobTests.Fixture app) : IClassFixture<JobTests.Fixture>
{
    private IJobScheduler Scheduler => app.Factory.Services.GetRequiredService<IJobScheduler>();

    [Fact]
    public async Task ScheduleOnce_TwiceWithTheSameKey_RunsOnce_AndTheKeyIsRefusedAfterItRan()
    {
        var key = $"once-{Guid.NewGuid():N}";
        var at = TimeProvider.System.GetUtcNow().AddSeconds(1);

        Assert.True(await Scheduler.ScheduleOnceAsync<RecordingJob>(key, at, new Dictionary<string, string> { ["item"] = "42" }));
        Assert.False(await Scheduler.ScheduleOnceAsync<RecordingJob>(key, at.AddSeconds(1), new Dictionary<string, string> { ["item"] = "43" }));
        await JobRecorder.WaitUntilAsync(() => app.Recorder.Of("test.record").Any(r => r.Run.Key == key), TimeSpan.FromSeconds(30), "the one-off job ran");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var run = Assert.Single(app.Recorder.Of("test.record"), r => r.Run.Key == key).Run;
        Assert.Equal("42", run.Data["item"]);
        Assert.Equal(1, run.Attempt);
        Assert.InRange(run.ScheduledAt, at.AddMilliseconds(-1), at.AddMilliseconds(1));
        Assert.False(await Scheduler.ScheduleOnceAsync<RecordingJob>(key, TimeProvider.System.GetUtcNow()));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(app.Recorder.Of("test.record"), r => r.Run.Key == key);
    }

    [Fact]
    public async Task FailingJob_IsRetriedPerItsPolicy_AndLoggedByNameAndExceptionTypeWithoutItsData()
    {
        var canary = "Canary Zvjezdana " + Guid.NewGuid().ToString("N")[..8];
        var key = $"failing-{Guid.NewGuid():N}";

        Assert.True(await Scheduler.ScheduleOnceAsync<FailingJob>(key, TimeProvider.System.GetUtcNow(), new Dictionary<string, string> { ["person"] = canary }));
        await JobRecorder.WaitUntilAsync(() => app.Recorder.Of("test.failing").Count(r => r.Run.Key == key) >= 3, TimeSpan.FromSeconds(60), "the third attempt ran");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var attempts = app.Recorder.Of("test.failing").Where(r => r.Run.Key == key).Select(r => r.Run.Attempt).ToList();
        Assert.Equal([1, 2, 3], attempts);
        var failures = app.Factory.Logs.Lines.Where(l => l.Contains("Job test.failing", StringComparison.Ordinal) && l.Contains("failed with InvalidOperationException", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, l => l.Contains("attempt 1", StringComparison.Ordinal));
        Assert.Contains(failures, l => l.Contains("attempt 2", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Factory.Logs.Lines, l => l.Contains("Zvjezdana", StringComparison.Ordinal) || l.Contains("could not process", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_ShowsTheRecurringJobsWithTheirNextFiring()
    {
        var checkpoint = await JobWaits.StoredAsync(Scheduler, "audit.checkpoint");

        Assert.Equal("recurring", checkpoint.Kind);
        Assert.Equal("every 3600 s, misfire: RunOnceNow", checkpoint.Schedule);
        Assert.NotNull(checkpoint.NextFireAt);
        Assert.InRange(checkpoint.NextFireAt.Value, TimeProvider.System.GetUtcNow().AddMinutes(55), TimeProvider.System.GetUtcNow().AddMinutes(61));
    }

    [Fact]
    public async Task JobsList_OnTheCommandLine_ShowsTheStoredRecurringJobWithItsScheduleAndNextFiring()
    {
        await JobWaits.StoredAsync(Scheduler, "audit.checkpoint");
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = app.Database.Provider,
            ["Database__ConnectionString"] = app.Database.ConnectionString,
            ["DataDirectory"] = app.Database.DataDirectory,
        };

        var (exitCode, output, error) = await ProcessRunner.RunAsync(environment, TimeSpan.FromMinutes(2), "jobs", "list");

        Assert.True(exitCode == 0, error);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("audit.checkpoint ", StringComparison.Ordinal));
        Assert.Contains(" recurring ", line, StringComparison.Ordinal);
        Assert.Contains("every 3600 s", line, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", line);
    }

    public sealed class Fixture : AppFixture
    {
        public JobRecorder Recorder { get; } = new();

        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Jobs:IdleWaitSeconds"] = "1" };

        protected override void ConfigureServices(IServiceCollection services)
        {
            services.AddSingleton(Recorder);
            services.AddSingleton(new InstanceTag("only"));
            services.AddJob<RecordingJob>("test.record");
            services.AddJob<FailingJob>("test.failing", new JobRetry(2, TimeSpan.FromSeconds(1)));
        }
    }
}
