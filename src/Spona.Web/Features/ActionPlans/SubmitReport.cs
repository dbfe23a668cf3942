using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

/// <summary>Submits a report for review (the reporting institution); the plan's coordination body is notified.</summary>
public sealed class SubmitReport(AppDbContext db, PlanAccess access, Notifier notifier, IAuditTrail audit, TimeProvider clock)
{
    public async Task<EditOutcome> SubmitAsync(Guid reportId, int? version, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await access.Reports().FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
        {
            return EditOutcome.NotFound;
        }

        if (!access.CanReport(report.InstitutionId))
        {
            return EditOutcome.Forbidden;
        }

        if (version != report.Version)
        {
            return EditOutcome.Conflict;
        }

        var period = await db.ReportingPeriods.AsNoTracking().FirstAsync(p => p.Id == report.PeriodId, cancellationToken);
        period.EnsureUnlocked();
        var activity = await db.PlanActivities.AsNoTracking().FirstAsync(a => a.Id == report.ActivityId, cancellationToken);
        var plan = await db.ActionPlans.AsNoTracking().FirstAsync(p => p.Id == activity.PlanId, cancellationToken);
        plan.EnsureOpen();
        using var operation = audit.BeginOperation(ActionPlanOperations.SubmitReport.Code);
        report.Submit(access.UserId, clock.GetUtcNow().UtcDateTime);
        await notifier.NotifyInstitutionAsync(plan.OwnerInstitutionId, ActionPlansPermissions.Manage, ActionPlanOperations.ReportSubmitted,
            ReportReference(report.Id), ReportLink(report.Id), access.UserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(report.Id.ToString());
    }

    /// <summary>A report's pseudonymous reference in notices: no title, no institution.</summary>
    public static string ReportReference(Guid id) => $"ActionPlanReport:{id:N}";

    public static string ReportLink(Guid id) => $"/action-plans/reports/{id}";
}
