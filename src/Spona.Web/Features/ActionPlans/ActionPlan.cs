using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public enum PlanStatus
{
    Draft,
    Adopted,
    InForce,
    Closed,
}

/// <summary>
/// An action plan of one government level (1.1.2): BiH institutions, FBiH, RS, Brčko District or a canton. Its owner
/// is the coordination body that drafts and keeps it; it moves draft → adopted → in force → closed, and is adopted
/// only with its adoption date and decision.
/// </summary>
public sealed class ActionPlan : IAudited, IVersioned
{
    public const int TitleLength = 300;

    public Guid Id { get; set; }

    /// <summary>The plan's title in the languages it was given in (shown in the reader's, else the first given).</summary>
    public LocalizedText Title { get; set; } = new();

    /// <summary>The government level that adopts it: a jurisdiction of kind state, entity, district or canton.</summary>
    [AuditValue]
    public Guid JurisdictionId { get; set; }

    /// <summary>The coordination body that owns the plan.</summary>
    [AuditValue]
    public Guid OwnerInstitutionId { get; set; }

    [AuditValue]
    public DateOnly PeriodStart { get; set; }

    [AuditValue]
    public DateOnly PeriodEnd { get; set; }

    [AuditValue]
    public PlanStatus Status { get; set; }

    [AuditValue]
    public DateOnly? AdoptedOn { get; set; }

    /// <summary>The adopting decision's reference (number and body, e.g. "Odluka Vlade FBiH br. 123/2024").</summary>
    [AuditValue]
    public string? DecisionReference { get; set; }

    /// <summary>The plan this one started as a copy of.</summary>
    [AuditValue]
    public Guid? CopiedFromPlanId { get; set; }

    [AuditValue]
    public DateTime CreatedAt { get; set; }

    [AuditValue]
    public int Version { get; set; }

    public bool IsClosed => Status == PlanStatus.Closed;

    public static void CheckPeriod(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new DomainRuleViolation("plan.period", "A plan's period must end after it starts.");
        }

        if (end.DayNumber - start.DayNumber > 366 * 6)
        {
            throw new DomainRuleViolation("plan.period-too-long", "A plan's period cannot be longer than six years.");
        }
    }

    /// <summary>Moves the plan one step on; adoption needs its date and decision.</summary>
    public void MoveTo(PlanStatus next, DateOnly? adoptedOn, string? decisionReference)
    {
        if (next != Status + 1)
        {
            throw new DomainRuleViolation("plan.status-order", "A plan moves from draft to adopted, then in force, then closed, one step at a time.");
        }

        if (next == PlanStatus.Adopted)
        {
            if (adoptedOn is null || string.IsNullOrWhiteSpace(decisionReference))
            {
                throw new DomainRuleViolation("plan.adoption-needs-decision", "A plan is adopted only with its adoption date and the decision that adopted it.");
            }

            AdoptedOn = adoptedOn;
            DecisionReference = decisionReference.Trim();
        }

        Status = next;
    }

    public void EnsureOpen()
    {
        if (IsClosed)
        {
            throw new DomainRuleViolation("plan.closed", "This plan is closed: it can no longer be changed.");
        }
    }
}

public enum StakeholderGroup
{
    CivilSociety,
    Business,
    VictimsRepresentatives,
    RomaRepresentatives,
    InternationalOrganisations,
    Other,
}

/// <summary>Who was consulted while the plan was drafted (1.1.3), and when.</summary>
public sealed class PlanConsultation : IAudited
{
    public Guid Id { get; set; }

    [AuditValue]
    public Guid PlanId { get; set; }

    [AuditValue]
    public StakeholderGroup Group { get; set; }

    /// <summary>The organisation or forum consulted (an organisation's name, not a person's).</summary>
    [AuditValue]
    public required string Organisation { get; set; }

    [AuditValue]
    public DateOnly ConsultedOn { get; set; }

    /// <summary>What was asked and answered; free text, so recorded in the trail by name only.</summary>
    public string? Note { get; set; }
}
