using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Errors;

namespace Spona.Web.Features.Strategy;

/// <summary>
/// An amendment to a measure proposed by the Monitoring Team (1.2.4): who proposed it, when it was adopted, under which
/// decision, and what changed. Proposed amendments are recorded before adoption and adopted later.
/// </summary>
public sealed class MeasureAmendment : IAudited
{
    public Guid Id { get; set; }

    [AuditValue]
    public Guid MeasureId { get; set; }

    public required string ProposedBy { get; set; }

    [AuditValue]
    public DateOnly ProposedOn { get; set; }

    [AuditValue]
    public DateOnly? AdoptedOn { get; set; }

    [AuditValue]
    public string? DecisionReference { get; set; }

    public required string Change { get; set; }

    [AuditValue]
    public Guid RecordedBy { get; set; }

    [AuditValue]
    public DateTime RecordedAt { get; set; }

    public static MeasureAmendment Record(
        Guid measureId, string proposedBy, DateOnly proposedOn, DateOnly? adoptedOn, string? decisionReference, string change,
        Guid recordedBy, TimeProvider clock)
    {
        if (proposedOn > Today(clock))
        {
            throw new DomainRuleViolation("amendment.proposed-in-future", "The proposal date cannot be in the future.");
        }

        var amendment = new MeasureAmendment
        {
            Id = Guid.NewGuid(),
            MeasureId = measureId,
            ProposedBy = proposedBy.Trim(),
            ProposedOn = proposedOn,
            Change = change.Trim(),
            RecordedBy = recordedBy,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (adoptedOn is not null)
        {
            amendment.Adopt(adoptedOn.Value, decisionReference, clock);
        }

        return amendment;
    }

    /// <summary>Records the decision that adopted a proposed amendment (Council of Ministers or the competent government).</summary>
    public void Adopt(DateOnly adoptedOn, string? decisionReference, TimeProvider clock)
    {
        if (AdoptedOn is not null)
        {
            throw new DomainRuleViolation("amendment.already-adopted", "This amendment has already been adopted.");
        }

        if (adoptedOn < ProposedOn)
        {
            throw new DomainRuleViolation("amendment.adopted-before-proposed", "An amendment cannot be adopted before it was proposed.");
        }

        if (adoptedOn > Today(clock))
        {
            throw new DomainRuleViolation("amendment.adopted-in-future", "The adoption date cannot be in the future.");
        }

        if (string.IsNullOrWhiteSpace(decisionReference))
        {
            throw new DomainRuleViolation("amendment.decision-required", "An adopted amendment needs the reference of the adopting decision.");
        }

        AdoptedOn = adoptedOn;
        DecisionReference = decisionReference.Trim();
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
