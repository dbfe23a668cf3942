namespace Spona.Web.Platform.Jobs;

/// <summary>Schedules one-off jobs and reports stored jobs; what modules use instead of Quartz (ADR 0021).</summary>
public interface IJobScheduler
{
    /// <summary>
    /// Schedules <typeparamref name="TJob"/> (registered with <see cref="JobsSetup.AddJob{TJob}"/>) to run once at
    /// <paramref name="at"/> (at once when past), on whichever instance is free. Idempotent by
    /// <paramref name="key"/>: a key that was ever scheduled is not scheduled again, and false is returned. The key and
    /// <paramref name="data"/> are stored in clear in the job tables: ids and codes only, never personal data.
    /// </summary>
    Task<bool> ScheduleOnceAsync<TJob>(string key, DateTimeOffset at, IReadOnlyDictionary<string, string>? data = null, CancellationToken cancellationToken = default)
        where TJob : ISponaJob;

    /// <summary>Fires the recurring job <paramref name="name"/> now, once (operators and tests); false when it is not stored.</summary>
    Task<bool> TriggerNowAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every stored job with its next and last firing.</summary>
    Task<IReadOnlyList<JobListing>> ListAsync(CancellationToken cancellationToken = default);
}
