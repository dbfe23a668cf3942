namespace Spona.Web.Platform.Jobs;

/// <summary>What a recurring job does about firings that were missed because no instance ran (all down, or too busy).</summary>
public enum MisfirePolicy
{
    /// <summary>Run once as soon as an instance is back, then keep to the schedule (missed firings are not repeated).</summary>
    RunOnceNow,

    /// <summary>Skip what was missed and wait for the next scheduled firing.</summary>
    Skip,
}
