using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public enum ActivityStatus
{
    NotStarted,
    InProgress,
    Completed,
    Late,
    Cancelled,
}

/// <summary>
/// An activity of a plan: tied to one or more strategy measures, led by one institution with partners, with its
/// dates, status (with a reason where one is owed) and percent complete. Every change of status or progress is kept
/// in <see cref="ActivityStatusUpdate"/>.
/// </summary>
public sealed class PlanActivity : IAudited, IVersioned
{
    public const int ReasonLength = 1000;

    public Guid Id { get; set; }

    [AuditValue]
    public Guid PlanId { get; set; }

    /// <summary>Its number in the plan ("1", "2", …), given in order of creation.</summary>
    [AuditValue]
    public int Number { get; set; }

    public LocalizedText Title { get; set; } = new();

    public string? Description { get; set; }

    [AuditValue]
    public Guid LeadInstitutionId { get; set; }

    [AuditValue]
    public DateOnly Start { get; set; }

    [AuditValue]
    public DateOnly End { get; set; }

    [AuditValue]
    public ActivityStatus Status { get; set; }

    public string? StatusReason { get; set; }

    [AuditValue]
    public int PercentComplete { get; set; }

    [AuditValue]
    public int Version { get; set; }

    public List<ActivityMeasure> Measures { get; set; } = [];

    public List<ActivityPartner> Partners { get; set; } = [];

    /// <summary>
    /// The status as shown: an activity whose end has passed without being completed or cancelled is late, whatever
    /// was last recorded.
    /// </summary>
    public static ActivityStatus Effective(ActivityStatus recorded, DateOnly end, DateOnly today) =>
        recorded is ActivityStatus.Completed or ActivityStatus.Cancelled || end >= today ? recorded : ActivityStatus.Late;

    public ActivityStatus EffectiveStatus(DateOnly today) => Effective(Status, End, today);

    public static void CheckDates(DateOnly start, DateOnly end, ActionPlan plan)
    {
        if (end < start)
        {
            throw new DomainRuleViolation("activity.dates", "An activity must end on or after the day it starts.");
        }

        if (start < plan.PeriodStart || end > plan.PeriodEnd)
        {
            throw new DomainRuleViolation("activity.outside-plan", "An activity's dates must lie within its plan's period.");
        }
    }

    /// <summary>Records a new status and progress; cancelling or declaring it late needs a reason, completing sets 100 %.</summary>
    public ActivityStatusUpdate Record(ActivityStatus status, int percent, string? reason, Guid authorId, DateTime now)
    {
        if (percent is < 0 or > 100)
        {
            throw new DomainRuleViolation("activity.percent", "Percent complete must be between 0 and 100.");
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (status is ActivityStatus.Cancelled or ActivityStatus.Late && (reason is null || reason.Length < 5))
        {
            throw new DomainRuleViolation("activity.reason-needed", "Say why the activity is cancelled or late (at least 5 characters).");
        }

        if (reason is { Length: > ReasonLength })
        {
            throw new DomainRuleViolation("activity.reason-long", "The reason is too long.");
        }

        if (status == ActivityStatus.Completed)
        {
            percent = 100;
        }
        else if (status == ActivityStatus.NotStarted && percent > 0)
        {
            throw new DomainRuleViolation("activity.not-started-progress", "An activity that has not started has no progress.");
        }

        Status = status;
        PercentComplete = percent;
        StatusReason = reason;
        return new ActivityStatusUpdate { Id = Guid.NewGuid(), ActivityId = Id, At = now, AuthorUserId = authorId, Status = status, PercentComplete = percent, Reason = reason };
    }
}

/// <summary>A strategy measure (and optionally one of its items) the activity serves.</summary>
public sealed class ActivityMeasure : IAudited
{
    public Guid Id { get; set; }

    [AuditValue]
    public Guid ActivityId { get; set; }

    [AuditValue]
    public Guid MeasureId { get; set; }

    [AuditValue]
    public Guid? MeasureItemId { get; set; }
}

/// <summary>A partner institution of an activity.</summary>
public sealed class ActivityPartner : IAudited
{
    public Guid Id { get; set; }

    [AuditValue]
    public Guid ActivityId { get; set; }

    [AuditValue]
    public Guid InstitutionId { get; set; }
}

/// <summary>One entry of an activity's status history: who, when, which status and progress, why.</summary>
public sealed class ActivityStatusUpdate : IAudited
{
    public Guid Id { get; set; }

    [AuditValue]
    public Guid ActivityId { get; set; }

    [AuditValue]
    public DateTime At { get; set; }

    [AuditValue]
    public Guid AuthorUserId { get; set; }

    [AuditValue]
    public ActivityStatus Status { get; set; }

    [AuditValue]
    public int PercentComplete { get; set; }

    public string? Reason { get; set; }
}
