using Spona.Web.Platform.Errors;

namespace Spona.Web.Features.Strategy;

/// <summary>
/// An amendment to a measure proposed by the Monitoring Team (1.2.4): who proposed it, when it was adopted, under which
/// decision, and what changed. Proposed amendments are recorded before adoption and adopted later.
/// </summary>
public sealed class MeasureAmendment
{
    public Guid Id { get; set; }

    public Guid MeasureId { get; set; }

    public required string ProposedBy { get; set; }

    public DateOnly ProposedOn { get; set; }

    public DateOnly? AdoptedOn { get; set; }

    public string? DecisionReference { get; set; }

    public required string Change { get; set; }

    public Guid RecordedBy { get; set; }

    public DateTime RecordedAt { get; set; }

    public static MeasureAmendment Record(
        Guid measureId, string proposedBy, DateOnly proposedOn, DateOnly? adoptedOn, string? decisionReference, string change,
        Guid recordedBy, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (proposedOn > today)
        {
            throw new DomainRuleViolation("amendment.proposed-in-future", "The proposal date cannot be in the future.");
        }

        if (adoptedOn is not null)
        {
            if (adoptedOn < proposedOn)
            {
                throw new DomainRuleViolation("amendment.adopted-before-proposed", "An amendment cannot be adopted before it was proposed.");
            }

            if (adoptedOn > today)
            {
                throw new DomainRuleViolation("amendment.adopted-in-future", "The adoption date cannot be in the future.");
            }

            if (string.IsNullOrWhiteSpace(decisionReference))
            {
                throw new DomainRuleViolation("amendment.decision-required", "An adopted amendment needs the reference of the adopting decision.");
            }
        }

        return new MeasureAmendment
        {
            Id = Guid.NewGuid(),
            MeasureId = measureId,
            ProposedBy = proposedBy.Trim(),
            ProposedOn = proposedOn,
            AdoptedOn = adoptedOn,
            DecisionReference = string.IsNullOrWhiteSpace(decisionReference) ? null : decisionReference.Trim(),
            Change = change.Trim(),
            RecordedBy = recordedBy,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
    }
}
