using Quartz;

namespace Spona.Web.Platform.Jobs;

/// <summary>
/// <see cref="IJobScheduler"/> over the clustered Quartz scheduler. The scheduler is built on first use: an instance
/// that runs no jobs (<c>Jobs:Enabled=false</c>) and schedules none never builds it.
/// </summary>
internal sealed class JobScheduler(ISchedulerFactory factory, JobRegistry registry) : IJobScheduler
{
    private const int MaxKeyLength = 150;

    private readonly Lazy<Task<IScheduler>> scheduler = new(() => factory.GetScheduler(CancellationToken.None).AsTask());

    /// <summary>The scheduler, if anything built it (the runner shuts it down with the host).</summary>
    public IScheduler? Built => scheduler.IsValueCreated && scheduler.Value.IsCompletedSuccessfully ? scheduler.Value.Result : null;

    public Task<IScheduler> SchedulerAsync(CancellationToken cancellationToken) => scheduler.Value.WaitAsync(cancellationToken);

    public async Task<bool> ScheduleOnceAsync<TJob>(string key, DateTimeOffset at, IReadOnlyDictionary<string, string>? data = null, CancellationToken cancellationToken = default)
        where TJob : ISponaJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            throw new ArgumentException($"A job key has at most {MaxKeyLength} printable characters.", nameof(key));
        }

        var registration = registry.FindOneOff(typeof(TJob))
            ?? throw new InvalidOperationException($"{typeof(TJob).Name} is not registered as a one-off job: call services.AddJob<{typeof(TJob).Name}>(name) first.");
        var map = new JobDataMap { [JobRegistry.TypeKey] = registration.Name };
        foreach (var (name, value) in data ?? new Dictionary<string, string>())
        {
            if (name.StartsWith("spona.", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Job data keys starting with 'spona.' are reserved ('{name}').", nameof(data));
            }

            map[name] = value;
        }

        // Durable: the job's row stays after it ran, so the same key is refused for ever (idempotent), not only while
        // it waits. Recovery: an instance that dies during the run leaves it to another, which runs it again.
        var job = JobBuilder.Create<QuartzJob>().WithIdentity(key, JobRegistry.OnceGroup).StoreDurably(true).RequestRecovery(true)
            .UsingJobData(map).Build();
        var trigger = TriggerBuilder.Create(TimeProvider.System).WithIdentity(key, JobRegistry.OnceGroup).ForJob(job).StartAt(at)
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .WithRetryPolicy(registration.Retry.ToPolicy())
            .Build();
        var quartz = await SchedulerAsync(cancellationToken);
        try
        {
            await quartz.ScheduleJob(job, trigger, default, cancellationToken);
            return true;
        }
        catch (ObjectAlreadyExistsException)
        {
            return false;
        }
    }

    public async Task<bool> TriggerNowAsync(string name, CancellationToken cancellationToken = default)
    {
        var quartz = await SchedulerAsync(cancellationToken);
        var key = new JobKey(name, JobRegistry.RecurringGroup);
        if (!await quartz.Exists(key, cancellationToken))
        {
            return false;
        }

        await quartz.TriggerJob(key, new JobDataMap(), cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<JobListing>> ListAsync(CancellationToken cancellationToken = default)
    {
        var quartz = await SchedulerAsync(cancellationToken);
        var jobs = await quartz.QueryJobs(new JobQuery { Take = PagedQuery.All }, cancellationToken);
        var triggers = await quartz.QueryTriggers(new TriggerQuery { Take = PagedQuery.All }, cancellationToken);
        var listings = new List<JobListing>();
        foreach (var job in jobs.Items)
        {
            var recurring = job.Key.Group == JobRegistry.RecurringGroup;
            var ofJob = triggers.Items.Where(t => t.JobKey.Equals(job.Key)).ToList();
            // A recurring job's own trigger carries its schedule; a manual run adds a short-lived one beside it.
            var main = ofJob.FirstOrDefault(t => t.Key.Name == job.Key.Name && t.Key.Group == job.Key.Group) ?? ofJob.FirstOrDefault();
            var name = recurring ? job.Key.Name : (await quartz.GetJobDetail(job.Key, cancellationToken))?.JobDataMap.GetValueOrDefault(JobRegistry.TypeKey) as string ?? job.Key.Name;
            listings.Add(new JobListing(
                name,
                recurring ? "recurring" : "one-off",
                recurring ? null : job.Key.Name,
                main?.Description,
                main is null ? "done" : main.State.ToString(),
                ofJob.Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min(),
                ofJob.Select(t => t.PreviousFireTimeUtc).Where(t => t is not null).Max()));
        }

        return [.. listings.OrderBy(l => l.Kind, StringComparer.Ordinal).ThenBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.Key, StringComparer.Ordinal)];
    }
}
