using System.Collections.Concurrent;
using Spona.Web.Platform.Jobs;

namespace Spona.Tests.Platform.Jobs;

/// <summary>Every run of the test jobs, from every application instance of a test (thread-safe).</summary>
public sealed class JobRecorder
{
    private readonly ConcurrentQueue<RecordedRun> runs = new();

    public void Record(JobRun run, string instance) => runs.Enqueue(new RecordedRun(run, instance));

    public IReadOnlyList<RecordedRun> Of(string job) => [.. runs.Where(r => r.Run.Name == job)];

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }
}

/// <summary>Test helpers for the scheduler, which starts beside the host's start.</summary>
public static class JobWaits
{
    /// <summary>The stored job <paramref name="name"/>, once the starting instance has stored it.</summary>
    public static async Task<JobListing> StoredAsync(IJobScheduler jobs, string name)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (true)
        {
            var listed = (await jobs.ListAsync()).FirstOrDefault(j => j.Name == name);
            if (listed is not null)
            {
                return listed;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"The job {name} was not stored.");
            await Task.Delay(200);
        }
    }
}

public sealed record RecordedRun(JobRun Run, string Instance);

/// <summary>Which test instance a job ran in.</summary>
public sealed record InstanceTag(string Name);

/// <summary>Records its run.</summary>
public sealed class RecordingJob(JobRecorder recorder, InstanceTag instance) : ISponaJob
{
    public Task RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        recorder.Record(run, instance.Name);
        return Task.CompletedTask;
    }
}

/// <summary>Records its run and fails its first two attempts with a message that quotes its data (as a database error can).</summary>
public sealed class FailingJob(JobRecorder recorder, InstanceTag instance) : ISponaJob
{
    public Task RunAsync(JobRun run, CancellationToken cancellationToken)
    {
        recorder.Record(run, instance.Name);
        return run.Attempt < 3
            ? throw new InvalidOperationException($"could not process {run.Data["person"]}")
            : Task.CompletedTask;
    }
}
