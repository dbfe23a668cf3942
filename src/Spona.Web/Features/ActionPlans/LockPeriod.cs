using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

/// <summary>
/// Locks a reporting period (the Monitoring Team): only when every report of the period is accepted. From then on
/// its reports change only through <see cref="CorrectReport"/>.
/// </summary>
public sealed class LockPeriod(AppDbContext db, PlanAccess access, IAuditTrail audit, TimeProvider clock)
{
    public async Task<EditOutcome> LockAsync(Guid periodId, int? version, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var plans = access.Plans().Select(p => p.Id);
        var period = await db.ReportingPeriods.FirstOrDefaultAsync(p => p.Id == periodId && plans.Contains(p.PlanId), cancellationToken);
        if (period is null)
        {
            return EditOutcome.NotFound;
        }

        if (!access.CanMonitor)
        {
            return EditOutcome.Forbidden;
        }

        if (version != period.Version)
        {
            return EditOutcome.Conflict;
        }

        period.EnsureUnlocked();
        if (await db.ProgressReports.AnyAsync(r => r.PeriodId == periodId && r.State != ReportState.Accepted, cancellationToken))
        {
            throw new DomainRuleViolation("period.reports-open", "Every report of the period must be accepted before it is locked.");
        }

        using var operation = audit.BeginOperation(ActionPlanOperations.LockPeriod.Code);
        period.LockedAt = clock.GetUtcNow().UtcDateTime;
        period.LockedByUserId = access.UserId;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(period.Id.ToString());
    }
}
