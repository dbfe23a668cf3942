using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public sealed record ActivityStatusInput(ActivityStatus? Status, int? PercentComplete, string? Reason, int? Version);

/// <summary>Records an activity's new status and progress, with its history entry (author, time, reason).</summary>
public sealed class RecordActivityStatus(AppDbContext db, PlanAccess access, TimeProvider clock)
{
    public async Task<EditOutcome> RecordAsync(Guid id, ActivityStatusInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Status is null)
        {
            return EditOutcome.Invalid("status", "Choose the activity's status.");
        }

        if (input.PercentComplete is not { } percent || percent is < 0 or > 100)
        {
            return EditOutcome.Invalid("percentComplete", "Give the percent complete, from 0 to 100.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var activity = await access.FindActivityAsync(id, cancellationToken);
        if (activity is null)
        {
            return EditOutcome.NotFound;
        }

        var plan = await db.ActionPlans.AsNoTracking().FirstAsync(p => p.Id == activity.PlanId, cancellationToken);
        if (!access.CanUpdate(activity, plan))
        {
            return EditOutcome.Forbidden;
        }

        if (input.Version != activity.Version)
        {
            return EditOutcome.Conflict;
        }

        plan.EnsureOpen();
        db.ActivityStatusUpdates.Add(activity.Record(input.Status.Value, percent, input.Reason, access.UserId, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(activity.Id.ToString());
    }
}
