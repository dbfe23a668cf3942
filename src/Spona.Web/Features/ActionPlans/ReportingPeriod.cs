using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public enum PeriodKind
{
    SemiAnnual,
    Annual,
    Other,
}

/// <summary>
/// A reporting period of a plan, with the date its reports are due. Once locked (by the Monitoring Team, after its
/// reports are accepted), its reports change only through a recorded correction.
/// </summary>
public sealed class ReportingPeriod : IAudited, IVersioned
{
    public Guid Id { get; set; }

    [AuditValue]
    public Guid PlanId { get; set; }

    [AuditValue]
    public PeriodKind Kind { get; set; }

    /// <summary>e.g. "2025 H1", "2025".</summary>
    [AuditValue]
    public required string Label { get; set; }

    [AuditValue]
    public DateOnly Start { get; set; }

    [AuditValue]
    public DateOnly End { get; set; }

    [AuditValue]
    public DateOnly DueOn { get; set; }

    [AuditValue]
    public DateTime? LockedAt { get; set; }

    [AuditValue]
    public Guid? LockedByUserId { get; set; }

    [AuditValue]
    public int Version { get; set; }

    public bool IsLocked => LockedAt is not null;

    public void EnsureUnlocked()
    {
        if (IsLocked)
        {
            throw new DomainRuleViolation("period.locked", "This reporting period is locked: its reports change only through a recorded correction.");
        }
    }

    public static void Check(DateOnly start, DateOnly end, DateOnly dueOn, ActionPlan plan)
    {
        if (end < start)
        {
            throw new DomainRuleViolation("period.dates", "A period must end on or after the day it starts.");
        }

        if (start < plan.PeriodStart || end > plan.PeriodEnd)
        {
            throw new DomainRuleViolation("period.outside-plan", "A reporting period must lie within its plan's period.");
        }

        if (dueOn < end)
        {
            throw new DomainRuleViolation("period.due-before-end", "Reports cannot be due before the period ends.");
        }
    }

    /// <summary>The periods of a plan: half-years or years clipped to the plan's period, each due <paramref name="dueDays"/> after its end.</summary>
    public static List<ReportingPeriod> Generate(ActionPlan plan, PeriodKind kind, int dueDays)
    {
        if (kind == PeriodKind.Other)
        {
            throw new DomainRuleViolation("period.generate-kind", "Only half-yearly and yearly periods are generated; add other periods one by one.");
        }

        if (dueDays is < 0 or > 365)
        {
            throw new DomainRuleViolation("period.due-days", "Reports are due 0 to 365 days after the period ends.");
        }

        var periods = new List<ReportingPeriod>();
        for (var year = plan.PeriodStart.Year; year <= plan.PeriodEnd.Year; year++)
        {
            var halves = kind == PeriodKind.Annual
                ? new[] { (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), $"{year}") }
                : [(new DateOnly(year, 1, 1), new DateOnly(year, 6, 30), $"{year} H1"), (new DateOnly(year, 7, 1), new DateOnly(year, 12, 31), $"{year} H2")];
            foreach (var (from, to, label) in halves)
            {
                var start = from < plan.PeriodStart ? plan.PeriodStart : from;
                var end = to > plan.PeriodEnd ? plan.PeriodEnd : to;
                if (start <= end)
                {
                    periods.Add(new ReportingPeriod { Id = Guid.NewGuid(), PlanId = plan.Id, Kind = kind, Label = label, Start = start, End = end, DueOn = end.AddDays(dueDays) });
                }
            }
        }

        return periods;
    }
}
