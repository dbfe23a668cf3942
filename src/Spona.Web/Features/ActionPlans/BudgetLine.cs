using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

/// <summary>Where the money comes from (1.5): a budget of a level of government, or a donor by name.</summary>
public enum FundingSource
{
    State,
    Entity,
    Canton,
    Municipal,
    Donor,
}

/// <summary>
/// The planned and executed budget of an activity for one year and one funding source, in minor units of the
/// convertible mark (1 KM = 100 fening), so that sums are exact.
/// </summary>
public sealed class BudgetLine : IAudited, IVersioned
{
    public const long MaxMinor = 100_000_000_000_00; // 100 billion KM

    public Guid Id { get; set; }

    [AuditValue]
    public Guid ActivityId { get; set; }

    [AuditValue]
    public int Year { get; set; }

    [AuditValue]
    public FundingSource Source { get; set; }

    /// <summary>The donor's name when the source is a donor (an organisation, e.g. "EU", "USAID").</summary>
    [AuditValue]
    public string? DonorName { get; set; }

    [AuditValue]
    public long PlannedMinor { get; set; }

    [AuditValue]
    public long ExecutedMinor { get; set; }

    [AuditValue]
    public int Version { get; set; }

    public static void Check(int year, FundingSource source, string? donorName, long planned, long executed, ActionPlan plan)
    {
        if (year < plan.PeriodStart.Year || year > plan.PeriodEnd.Year)
        {
            throw new DomainRuleViolation("budget.year-outside-plan", "The budget year must lie within the plan's period.");
        }

        if (source == FundingSource.Donor && string.IsNullOrWhiteSpace(donorName))
        {
            throw new DomainRuleViolation("budget.donor-name", "Name the donor.");
        }

        if (source != FundingSource.Donor && !string.IsNullOrWhiteSpace(donorName))
        {
            throw new DomainRuleViolation("budget.donor-only", "Only a donor source has a donor name.");
        }

        if (planned is < 0 or > MaxMinor || executed is < 0 or > MaxMinor)
        {
            throw new DomainRuleViolation("budget.amount", "Amounts must be zero or more (and less than 100 billion KM).");
        }
    }
}

/// <summary>What the members of a coordination team are paid for their work on the plan in a year (1.5.2).</summary>
public sealed class TeamRemuneration : IAudited
{
    public Guid Id { get; set; }

    [AuditValue]
    public Guid PlanId { get; set; }

    [AuditValue]
    public Guid TeamInstitutionId { get; set; }

    [AuditValue]
    public int Year { get; set; }

    [AuditValue]
    public int Members { get; set; }

    [AuditValue]
    public long AmountMinor { get; set; }

    [AuditValue]
    public FundingSource Source { get; set; }
}
