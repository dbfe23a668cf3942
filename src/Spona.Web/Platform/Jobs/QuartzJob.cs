using Quartz;

namespace Spona.Web.Platform.Jobs;

/// <summary>
/// The one Quartz job type: runs the registered <see cref="ISponaJob"/> that the firing names, in a fresh service
/// scope. A failure is logged by name, fire time and exception type only, and Quartz gets an exception without the
/// original message or inner exception, so that neither its log nor its tables can carry data from it.
/// </summary>
internal sealed partial class QuartzJob(IServiceScopeFactory scopes, JobRegistry registry, ILogger<QuartzJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var detail = context.JobDetail;
        var name = detail.JobDataMap.TryGetValue(JobRegistry.TypeKey, out object? value) && value is string registered ? registered : detail.Key.Name;
        var scheduledAt = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var attempt = context.RetryAttempt + 1;
        var registration = registry.Find(name);
        if (registration is null)
        {
            LogUnknown(logger, name);
            return;
        }

        var data = detail.JobDataMap
            .Where(e => e.Value is string && !e.Key.StartsWith("spona.", StringComparison.Ordinal))
            .ToDictionary(e => e.Key, e => (string)e.Value!, StringComparer.Ordinal);
        var run = new JobRun(registration.Name, detail.Key.Group == JobRegistry.OnceGroup ? detail.Key.Name : null, scheduledAt, attempt, data);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var job = (ISponaJob)scope.ServiceProvider.GetRequiredService(registration.JobType);
            await job.RunAsync(run, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: messages of database and network errors can quote data.
            LogFailed(logger, registration.Name, scheduledAt, attempt, ex.GetType().Name);
            throw new JobExecutionException($"The job {registration.Name} failed ({ex.GetType().Name}).");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} (firing due {ScheduledAt:O}, attempt {Attempt}) failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string job, DateTimeOffset scheduledAt, int attempt, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A firing names the job {Job}, which this instance does not register; it was skipped")]
    private static partial void LogUnknown(ILogger logger, string job);
}
