using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public sealed record PlanStatusInput(PlanStatus? Status, DateOnly? AdoptedOn, string? DecisionReference, int? Version);

/// <summary>Moves a plan one step on (draft → adopted → in force → closed); adoption records its date and decision.</summary>
public sealed class ChangePlanStatus(AppDbContext db, PlanAccess access, PlanChanges changes, IAuditTrail audit)
{
    public const int DecisionLength = 300;

    public async Task<EditOutcome> ChangeAsync(Guid id, PlanStatusInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Status is null)
        {
            return EditOutcome.Invalid("status", "Choose the plan's new status.");
        }

        if (input.DecisionReference?.Trim().Length > DecisionLength)
        {
            return EditOutcome.Invalid("decisionReference", "The decision's reference is too long.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await changes.LockPlanAsync(id, cancellationToken);
        var plan = await access.FindPlanAsync(id, cancellationToken);
        if (plan is null)
        {
            return EditOutcome.NotFound;
        }

        if (!access.CanManage(plan))
        {
            return EditOutcome.Forbidden;
        }

        if (input.Version != plan.Version)
        {
            return EditOutcome.Conflict;
        }

        using var operation = audit.BeginOperation(ActionPlanOperations.ChangePlanStatus.Code);
        plan.MoveTo(input.Status.Value, input.AdoptedOn, input.DecisionReference);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(plan.Id.ToString());
    }
}
