namespace Spona.Web.Platform.Jobs;

/// <summary>
/// How often a failed firing is tried again: <paramref name="Retries"/> more times, the first after
/// <paramref name="FirstDelay"/>, each wait twice the one before (at most an hour). A recurring job's retry never
/// displaces its next firing; by default a recurring job is not retried (its next firing is the retry) and a one-off
/// job is retried 3 times from one minute.
/// </summary>
public sealed record JobRetry(int Retries, TimeSpan FirstDelay)
{
    public static JobRetry None { get; } = new(0, TimeSpan.Zero);

    public static JobRetry OneOffDefault { get; } = new(3, TimeSpan.FromMinutes(1));

    internal Quartz.RetryPolicy ToPolicy() => Retries <= 0
        ? Quartz.RetryPolicy.None
        : Quartz.RetryPolicy.Exponential(Retries, FirstDelay, 2.0, TimeSpan.FromHours(1));
}
