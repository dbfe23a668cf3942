namespace Spona.Web.Platform.Jobs;

/// <summary>One firing of a job.</summary>
/// <param name="Name">The job's registered name (e.g. <c>audit.checkpoint</c>).</param>
/// <param name="Key">The key a one-off job was scheduled under; null for a recurring job.</param>
/// <param name="ScheduledAt">When this firing was due (UTC), not when it started: it names the firing.</param>
/// <param name="Attempt">1 for the first attempt of a firing, 2 for its first retry, and so on.</param>
/// <param name="Data">What the one-off job was scheduled with (ids and codes, never personal data); empty for a recurring job.</param>
public sealed record JobRun(string Name, string? Key, DateTimeOffset ScheduledAt, int Attempt, IReadOnlyDictionary<string, string> Data);
