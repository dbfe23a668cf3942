using Microsoft.Extensions.Options;
using Quartz;

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

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await starting.WaitAsync(cancellationToken);
        if (jobs.Built is { } scheduler)
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    private async Task StartSchedulerAsync()
    {
        try
        {
            var scheduler = await jobs.SchedulerAsync(CancellationToken.None);
            await StoreRecurringJobsAsync(scheduler, CancellationToken.None);
            await scheduler.Start(CancellationToken.None);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Job scheduler {InstanceId} started with {Count} recurring job registrations")]
    private static partial void LogStarted(ILogger logger, string instanceId, int count);
}
