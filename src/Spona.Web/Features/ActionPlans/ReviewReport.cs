using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public sealed record ReviewInput(ReviewLevel? Level, ReviewDecision? Decision, string? Comment, int? Version);

/// <summary>
/// A reviewer's decision: the plan's coordination body endorses or returns a submitted report; then the Monitoring
/// Team accepts or returns it. A return needs a comment. The reporting institution is told of a return and of the
/// acceptance; the Monitoring Team of an endorsement. On acceptance the activity takes the status and progress reported.
/// </summary>
public sealed class ReviewReport(AppDbContext db, PlanAccess access, Notifier notifier, IAuditTrail audit, TimeProvider clock)
{
    public async Task<EditOutcome> ReviewAsync(Guid reportId, ReviewInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Level is null)
        {
            return EditOutcome.Invalid("level", "Say at which level you review.");
        }

        if (input.Decision is null)
        {
            return EditOutcome.Invalid("decision", "Accept or return the report.");
        }

        if (input.Comment?.Length > ReportReview.CommentLength)
        {
            return EditOutcome.Invalid("comment", "The comment is too long (at most 4000 characters).");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await access.Reports().FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
        {
            return EditOutcome.NotFound;
        }

        var activity = await db.PlanActivities.FirstAsync(a => a.Id == report.ActivityId, cancellationToken);
        var plan = await db.ActionPlans.AsNoTracking().FirstAsync(p => p.Id == activity.PlanId, cancellationToken);
        if (!access.CanReview(input.Level.Value, plan))
        {
            return EditOutcome.Forbidden;
        }

        if (input.Version != report.Version)
        {
            return EditOutcome.Conflict;
        }

        var period = await db.ReportingPeriods.AsNoTracking().FirstAsync(p => p.Id == report.PeriodId, cancellationToken);
        period.EnsureUnlocked();
        using var operation = audit.BeginOperation(ActionPlanOperations.ReviewReport.Code);
        report.Review(input.Level.Value, input.Decision.Value, input.Comment);
        var now = clock.GetUtcNow().UtcDateTime;
        db.ReportReviews.Add(new ReportReview
        {
            Id = Guid.NewGuid(),
            ReportId = report.Id,
            At = now,
            ReviewerUserId = access.UserId,
            Level = input.Level.Value,
            Decision = input.Decision.Value,
            Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim(),
        });
        var reference = SubmitReport.ReportReference(report.Id);
        var link = SubmitReport.ReportLink(report.Id);
        switch (report.State)
        {
            case ReportState.Returned:
                await notifier.NotifyInstitutionAsync(report.InstitutionId, ActionPlansPermissions.Report, ActionPlanOperations.ReportReturned, reference, link, access.UserId, cancellationToken);
                break;
            case ReportState.Endorsed:
                var monitors = await MonitoringTeamAsync(cancellationToken);
                foreach (var monitor in monitors.Where(m => m != access.UserId))
                {
                    notifier.Notify(monitor, ActionPlanOperations.ReportSubmitted, reference, link);
                }

                break;
            case ReportState.Accepted:
                db.ActivityStatusUpdates.Add(activity.Record(report.ReportedStatus, report.PercentComplete, "Accepted progress report", report.SubmittedByUserId ?? access.UserId, now));
                await notifier.NotifyInstitutionAsync(report.InstitutionId, ActionPlansPermissions.Report, ActionPlanOperations.ReportAccepted, reference, link, access.UserId, cancellationToken);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(report.Id.ToString());
    }

    /// <summary>The enabled accounts of the Monitoring Team (the role, wherever its members belong).</summary>
    private async Task<List<Guid>> MonitoringTeamAsync(CancellationToken cancellationToken)
    {
        var role = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.MonitoringTeamMember).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == role))
            .Select(u => u.Id).ToListAsync(cancellationToken);
    }
}
