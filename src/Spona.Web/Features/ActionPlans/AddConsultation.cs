using Spona.Web.Features.Shared;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public sealed record ConsultationInput(StakeholderGroup? Group, string? Organisation, DateOnly? ConsultedOn, string? Note);

/// <summary>Records who was consulted while the plan was drafted (1.1.3): group, organisation, date, what was discussed.</summary>
public sealed class AddConsultation(AppDbContext db, PlanAccess access, TimeProvider clock)
{
    public async Task<EditOutcome> AddAsync(Guid planId, ConsultationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Group is null)
        {
            return EditOutcome.Invalid("group", "Choose who was consulted.");
        }

        if (string.IsNullOrWhiteSpace(input.Organisation) || input.Organisation.Trim().Length > 300)
        {
            return EditOutcome.Invalid("organisation", "Name the organisation or forum consulted (up to 300 characters).");
        }

        if (input.ConsultedOn is not { } on || on > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1))
        {
            return EditOutcome.Invalid("consultedOn", "Give the date of the consultation (not in the future).");
        }

        if (input.Note?.Length > 2000)
        {
            return EditOutcome.Invalid("note", "The note is too long (at most 2000 characters).");
        }

        var plan = await access.FindPlanAsync(planId, cancellationToken);
        if (plan is null)
        {
            return EditOutcome.NotFound;
        }

        if (!access.CanManage(plan))
        {
            return EditOutcome.Forbidden;
        }

        plan.EnsureOpen();
        var consultation = new PlanConsultation
        {
            Id = Guid.NewGuid(),
            PlanId = plan.Id,
            Group = input.Group.Value,
            Organisation = input.Organisation.Trim(),
            ConsultedOn = on,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
        };
        db.PlanConsultations.Add(consultation);
        await db.SaveChangesAsync(cancellationToken);
        return EditOutcome.Done(consultation.Id.ToString());
    }
}
