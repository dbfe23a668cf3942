using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

/// <summary>
/// Draft → submitted → endorsed by the plan's coordination body → accepted by the Monitoring Team; either reviewer
/// may return it with a comment, and a returned report is edited and submitted again.
/// </summary>
public enum ReportState
{
    Draft,
    Submitted,
    Returned,
    Endorsed,
    Accepted,
}

public enum ReviewLevel
{
    /// <summary>The plan's owner, its coordination body.</summary>
    Coordination,

    /// <summary>The Monitoring Team (or the State Coordinator's office).</summary>
    MonitoringTeam,
}

public enum ReviewDecision
{
    Accepted,
    Returned,
}

/// <summary>
/// The report of the institution responsible for one activity on one period: the status and progress it reports, a
/// narrative (in the language written), the money spent, indicator values (<see cref="IndicatorValue"/> with its id)
/// and evidence files (attachments of record type <see cref="RecordType"/>). One per activity and period.
/// </summary>
public sealed class ProgressReport : IAudited, IVersioned
{
    public const string RecordType = "ActionPlanReport";

    public const int NarrativeLength = 8000;

    public Guid Id { get; set; }

    [AuditValue]
    public Guid ActivityId { get; set; }

    [AuditValue]
    public Guid PeriodId { get; set; }

    /// <summary>The institution that reports: the activity's lead when the report was opened.</summary>
    [AuditValue]
    public Guid InstitutionId { get; set; }

    [AuditValue]
    public ReportState State { get; set; }

    [AuditValue]
    public ActivityStatus ReportedStatus { get; set; }

    [AuditValue]
    public int PercentComplete { get; set; }

    /// <summary>Free text in the language it was written in; recorded in the trail by name only.</summary>
    public string? Narrative { get; set; }

    [AuditValue]
    public long SpentMinor { get; set; }

    [AuditValue]
    public DateTime? SubmittedAt { get; set; }

    [AuditValue]
    public Guid? SubmittedByUserId { get; set; }

    [AuditValue]
    public DateTime UpdatedAt { get; set; }

    [AuditValue]
    public int Version { get; set; }

    public bool IsEditable => State is ReportState.Draft or ReportState.Returned;

    public bool CountsAsSubmitted => State is ReportState.Submitted or ReportState.Endorsed or ReportState.Accepted;

    public void EnsureEditable()
    {
        if (!IsEditable)
        {
            throw new DomainRuleViolation("report.not-editable", "This report was submitted: it can be changed only after a reviewer returns it.");
        }
    }

    public void Submit(Guid userId, DateTime now)
    {
        EnsureEditable();
        if (string.IsNullOrWhiteSpace(Narrative) || Narrative.Trim().Length < 20)
        {
            throw new DomainRuleViolation("report.narrative-needed", "Describe what was done in the period (at least 20 characters) before submitting.");
        }

        State = ReportState.Submitted;
        SubmittedAt = now;
        SubmittedByUserId = userId;
    }

    /// <summary>Takes a reviewer's decision at their level; returns the state it leads to.</summary>
    public void Review(ReviewLevel level, ReviewDecision decision, string? comment)
    {
        var expected = level == ReviewLevel.Coordination ? ReportState.Submitted : ReportState.Endorsed;
        if (State != expected)
        {
            throw new DomainRuleViolation("report.review-order", level == ReviewLevel.Coordination
                ? "The coordination body reviews a report once it is submitted."
                : "The Monitoring Team reviews a report once the coordination body has endorsed it.");
        }

        if (decision == ReviewDecision.Returned && (string.IsNullOrWhiteSpace(comment) || comment.Trim().Length < 5))
        {
            throw new DomainRuleViolation("report.return-needs-comment", "Say what must change when returning a report (at least 5 characters).");
        }

        State = decision == ReviewDecision.Returned ? ReportState.Returned
            : level == ReviewLevel.Coordination ? ReportState.Endorsed : ReportState.Accepted;
    }
}

/// <summary>One reviewer's decision on a report, with the comment.</summary>
public sealed class ReportReview : IAudited
{
    public const int CommentLength = 4000;

    public Guid Id { get; set; }

    [AuditValue]
    public Guid ReportId { get; set; }

    [AuditValue]
    public DateTime At { get; set; }

    [AuditValue]
    public Guid ReviewerUserId { get; set; }

    [AuditValue]
    public ReviewLevel Level { get; set; }

    [AuditValue]
    public ReviewDecision Decision { get; set; }

    public string? Comment { get; set; }
}

/// <summary>A change made to a report of a locked period: who, when, why, and what it was before and after.</summary>
public sealed class ReportCorrection : IAudited
{
    public Guid Id { get; set; }

    [AuditValue]
    public Guid ReportId { get; set; }

    [AuditValue]
    public DateTime At { get; set; }

    [AuditValue]
    public Guid CorrectedByUserId { get; set; }

    public required string Reason { get; set; }

    /// <summary>The corrected fields before and after, as JSON.</summary>
    public required string Before { get; set; }

    public required string After { get; set; }
}

/// <summary>One step of the reminders for a report not submitted by its due date, sent once (ADR 0029).</summary>
public sealed class ReportReminder
{
    public Guid Id { get; set; }

    [AuditValue]
    public Guid ActivityId { get; set; }

    [AuditValue]
    public Guid PeriodId { get; set; }

    /// <summary>1: the institution's reporters; 2: its head; 3: the plan's owner.</summary>
    public int Step { get; set; }

    public DateTime SentAt { get; set; }
}
