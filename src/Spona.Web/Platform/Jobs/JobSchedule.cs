using System.Globalization;

namespace Spona.Web.Platform.Jobs;

/// <summary>When a recurring job fires: at a fixed interval, or by a Quartz cron expression in UTC.</summary>
public sealed record JobSchedule
{
    private JobSchedule(TimeSpan? interval, string? cron)
    {
        Interval = interval;
        Cron = cron;
    }

    public TimeSpan? Interval { get; }

    /// <summary>A Quartz cron expression (seconds first, e.g. <c>0 0 3 * * ?</c> for 03:00 UTC every day).</summary>
    public string? Cron { get; }

    /// <summary>Every <paramref name="interval"/> (at least one second); the first firing is one interval after the job is first stored.</summary>
    public static JobSchedule Every(TimeSpan interval) => interval >= TimeSpan.FromSeconds(1)
        ? new JobSchedule(interval, null)
        : throw new ArgumentOutOfRangeException(nameof(interval), interval, "A recurring job fires at most once a second.");

    public static JobSchedule CronUtc(string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        return Quartz.CronExpression.TryParse(expression, out _)
            ? new JobSchedule(null, expression.Trim())
            : throw new ArgumentException($"'{expression}' is not a Quartz cron expression.", nameof(expression));
    }

    /// <summary>The schedule in words, stored with the trigger: a changed schedule replaces the stored trigger at start.</summary>
    public override string ToString() => Interval is { } interval
        ? string.Create(CultureInfo.InvariantCulture, $"every {interval.TotalSeconds:0.###} s")
        : $"cron {Cron} UTC";
}
