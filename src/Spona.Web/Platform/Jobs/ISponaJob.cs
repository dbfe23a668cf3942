namespace Spona.Web.Platform.Jobs;

/// <summary>
/// A unit of background work that runs once per firing across every instance of the application (ADR 0021). Register
/// it with <see cref="JobsSetup.AddRecurringJob{TJob}(IServiceCollection, string, JobSchedule, MisfirePolicy, JobRetry?)"/>
/// or <see cref="JobsSetup.AddJob{TJob}(IServiceCollection, string, JobRetry?)"/>; each run gets it from a fresh
/// service scope. A job reads the time from <see cref="TimeProvider"/>, never from the firing alone.
/// </summary>
public interface ISponaJob
{
    /// <summary>
    /// Does the work of one firing. An exception is logged without its message (the job's name, fire time and the
    /// exception's type only) and the firing is retried per the job's <see cref="JobRetry"/>. A firing can run again
    /// when an instance dies during it, so the work must be safe to repeat.
    /// </summary>
    Task RunAsync(JobRun run, CancellationToken cancellationToken);
}
