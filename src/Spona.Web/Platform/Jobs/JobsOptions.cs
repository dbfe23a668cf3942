namespace Spona.Web.Platform.Jobs;

/// <summary>Configuration section <c>Jobs</c>: the durable job scheduler (ADR 0021).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// Whether this instance runs jobs (default true). An instance with false (a read-only replica, most test hosts)
    /// still schedules one-off jobs into the database, for the instances that run them.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>This instance's name in the cluster: <c>auto</c> (default) derives a unique one at every start.</summary>
    public string InstanceId { get; set; } = "auto";

    /// <summary>How many jobs this instance runs at once (default 2).</summary>
    public int Threads { get; set; } = 2;

    /// <summary>
    /// How long an idle instance waits before it looks for due firings again (default 10 s). It also bounds how soon
    /// one instance notices a one-off job that another instance scheduled, or takes over a job another instance ran.
    /// </summary>
    public int IdleWaitSeconds { get; set; } = 10;

    /// <summary>How often each instance records that it is alive (default 7 s); one silent for longer is taken over.</summary>
    public int CheckinSeconds { get; set; } = 7;
}
