using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Extensibility;

namespace Spona.Web.Platform.Jobs;

/// <summary>
/// Starts this instance's part of the job cluster with the host (after the database initializer has migrated) and
/// stops it with the host, letting running jobs finish. At start it stores the recurring jobs this version registers,
/// keeping a stored trigger whose schedule did not change (so a restart does not move the next firing), and removes
/// recurring jobs no registration names any more. With <c>Jobs:Enabled=false</c> it does nothing.
/// </summary>
internal sealed partial class JobRunner(
    JobScheduler jobs, JobRegistry registry, IServiceProvider services, IOptions<JobsOptions> options, ILogger<JobRunner> logger) : IHostedService
{
    private Task starting = Task.CompletedTask;

    /// <summary>
    /// Builds and starts the scheduler beside the host's start, not on its path: building Quartz costs seconds on a
    /// loaded machine and nothing else waits for it. A failure is logged as critical (no job runs in this instance).
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled(logger);
            return Task.CompletedTask;
        }

        starting = Task.Run(StartSchedulerAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Lets running jobs finish for as long as the host allows (Quartz stops waiting, not stopping, when the token
    /// fires), then stops the scheduler and its cluster check-ins, so that nothing of Quartz outlives the host's services.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await starting.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Still building or starting after the host's whole shutdown time (an unreachable database): waiting
            // longer would hold the process. The start goes on in the background and ends with the process.
            LogStopBeforeStart(logger);
            return;
        }

        if (jobs.Built is not { } scheduler)
        {
            return;
        }

        try
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
        catch (ObjectDisposedException ex)
        {
            // A cluster check-in that was running when the shutdown began can end after the services it reports to
            // were released. The scheduler is stopped either way; the other instances see this one's check-in lapse.
            LogStopRace(logger, ex.GetType().Name);
        }
    }

    private async Task StartSchedulerAsync()
    {
        try
        {
            var scheduler = await jobs.SchedulerAsync(CancellationToken.None);
            await StoreRecurringJobsAsync(scheduler, CancellationToken.None);
            await scheduler.Start(CancellationToken.None);
            // Quartz's job store reaches the scheduler through a signaler that resolves it on first use, from the
            // container. Left to the first cluster check-in, that use can fall after the host released the
            // container (a short-lived instance), and the check-in loop dies with ObjectDisposedException: one
            // signal now, while the container lives, resolves it for the scheduler's whole life.
            if (services.GetService<ISchedulerSignaler>() is { } signaler)
            {
                await signaler.SignalSchedulingChange(null, CancellationToken.None);
            }

            LogStarted(logger, scheduler.SchedulerInstanceId, registry.Recurring.Count);
        }
        catch (Exception ex)
        {
            // The type only: database messages can quote data.
            LogStartFailed(logger, ex.GetType().Name);
        }
    }

    private async Task StoreRecurringJobsAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var registration in registry.Recurring)
        {
            var key = new JobKey(registration.Name, JobRegistry.RecurringGroup);
            if (registration.Schedule(services) is not { } schedule)
            {
                continue;
            }

            wanted.Add(registration.Name);
            var description = $"{schedule}, misfire: {registration.Misfire}";
            var stored = await scheduler.GetTrigger(new TriggerKey(registration.Name, JobRegistry.RecurringGroup), cancellationToken);
            if (stored?.Description == description)
            {
                continue;
            }

            var job = JobBuilder.Create<QuartzJob>().WithIdentity(key).StoreDurably(true).DisallowConcurrentExecution(true)
                .UsingJobData(JobRegistry.TypeKey, registration.Name).Build();
            await scheduler.ScheduleJob(job, Trigger(registration, schedule, description), ScheduleJobOptions.Replacing, cancellationToken);
        }

        var storedJobs = await scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(JobRegistry.RecurringGroup), Take = PagedQuery.All }, cancellationToken);
        foreach (var stale in storedJobs.Items.Where(j => !wanted.Contains(j.Key.Name)))
        {
            await scheduler.DeleteJob(stale.Key, cancellationToken);
        }
    }

    private static ITrigger Trigger(RecurringJobRegistration registration, JobSchedule schedule, string description)
    {
        var builder = TriggerBuilder.Create(TimeProvider.System).WithIdentity(registration.Name, JobRegistry.RecurringGroup)
            .ForJob(registration.Name, JobRegistry.RecurringGroup).WithDescription(description)
            .WithRetryPolicy(registration.Retry.ToPolicy());
        if (schedule.Interval is { } interval)
        {
            return builder.StartAt(TimeProvider.System.GetUtcNow() + interval)
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever().WithMisfireInstruction(registration.Misfire == MisfirePolicy.Skip
                    ? SimpleTriggerMisfireInstruction.NextWithRemainingCount
                    : SimpleTriggerMisfireInstruction.NowWithExistingCount))
                .Build();
        }

        return builder.StartNow()
            .WithSchedule(CronScheduleBuilder.Create(schedule.Cron!).InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(registration.Misfire == MisfirePolicy.Skip
                ? CronTriggerMisfireInstruction.DoNothing
                : CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Jobs:Enabled is false: this instance runs no jobs (it can still schedule one-off jobs for the others)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The job scheduler did not start ({ExceptionType}): this instance runs no jobs; check the qrtz_ tables and the database")]
    private static partial void LogStartFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The job scheduler was still starting when the host's shutdown time ran out: it was not shut down, and ends with the process")]
    private static partial void LogStopBeforeStart(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The job scheduler stopped after the host released its services ({ExceptionType}); its last cluster check-in lapses")]
    private static partial void LogStopRace(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job scheduler {InstanceId} started with {Count} recurring job registrations")]
    private static partial void LogStarted(ILogger logger, string instanceId, int count);
}
