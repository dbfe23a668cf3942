using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Jobs;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public sealed class ActionPlanOptions
{
    public const string Section = "ActionPlans";

    /// <summary>How often the reminders run (minutes).</summary>
    public int ReminderIntervalMinutes { get; set; } = 60;

    /// <summary>Days after the due date at which an unsubmitted report goes to the institution's head.</summary>
    public int HeadAfterDays { get; set; } = 7;

    /// <summary>Days after the due date at which it goes to the plan's owner.</summary>
    public int OwnerAfterDays { get; set; } = 14;
}

/// <summary>
/// Reminds of progress reports not submitted by their due date, escalating once per step (ADR 0029): the day after
/// the due date, the lead institution's reporters; <see cref="ActionPlanOptions.HeadAfterDays"/> later, its head;
/// <see cref="ActionPlanOptions.OwnerAfterDays"/> later, the plan's owner. A step is sent once (a row per activity,
/// period and step), so a repeated run sends nothing twice; a report submitted meanwhile stops the ladder. Notices
/// carry the activity's reference and link only; e-mails follow the platform's notice mails.
/// </summary>
public sealed class ReportReminders(AppDbContext db, Notifier notifier, TimeProvider clock, IOptions<ActionPlanOptions> options)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var reports = db.ProgressReports;
        var today = DateOnly.FromDateTime(Shared.LocalTime.ToLocal(now));
        var pending = await (from a in db.PlanActivities.AsNoTracking()
                             join p in db.ActionPlans.AsNoTracking() on a.PlanId equals p.Id
                             join period in db.ReportingPeriods.AsNoTracking() on p.Id equals period.PlanId
                             where (p.Status == PlanStatus.Adopted || p.Status == PlanStatus.InForce) && a.Status != ActivityStatus.Cancelled
                                 && period.LockedAt == null && period.DueOn < today && period.Start <= a.End && period.End >= a.Start
                                 && !reports.Any(r => r.ActivityId == a.Id && r.PeriodId == period.Id
                                     && (r.State == ReportState.Submitted || r.State == ReportState.Endorsed || r.State == ReportState.Accepted))
                             select new { ActivityId = a.Id, a.LeadInstitutionId, p.OwnerInstitutionId, PeriodId = period.Id, period.DueOn })
            .ToListAsync(cancellationToken);
        var sent = 0;
        var o = options.Value;
        foreach (var item in pending)
        {
            var late = today.DayNumber - item.DueOn.DayNumber;
            var due = new List<int> { 1 };
            if (late > o.HeadAfterDays)
            {
                due.Add(2);
            }

            if (late > o.OwnerAfterDays)
            {
                due.Add(3);
            }

            var done = await db.ReportReminders.AsNoTracking().Where(r => r.ActivityId == item.ActivityId && r.PeriodId == item.PeriodId)
                .Select(r => r.Step).ToListAsync(cancellationToken);
            foreach (var step in due.Except(done))
            {
                var (recipients, kind) = step switch
                {
                    1 => (await WithRoleAsync(item.LeadInstitutionId, Roles.InstitutionReporter, cancellationToken), ActionPlanOperations.ReportOverdue),
                    2 => (await WithRoleAsync(item.LeadInstitutionId, Roles.InstitutionHead, cancellationToken), ActionPlanOperations.ReportOverdueHead),
                    _ => (await WithPermissionAsync(item.OwnerInstitutionId, ActionPlansPermissions.Manage, cancellationToken), ActionPlanOperations.ReportOverdueOwner),
                };
                foreach (var recipient in recipients)
                {
                    notifier.Notify(recipient, kind, ActivityReference(item.ActivityId), $"/action-plans/activities/{item.ActivityId}");
                }

                db.ReportReminders.Add(new ReportReminder { Id = Guid.NewGuid(), ActivityId = item.ActivityId, PeriodId = item.PeriodId, Step = step, SentAt = now });
                sent++;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return sent;
    }

    /// <summary>An activity's pseudonymous reference in notices.</summary>
    public static string ActivityReference(Guid id) => $"ActionPlanActivity:{id:N}";

    private async Task<List<Guid>> WithRoleAsync(Guid institutionId, string role, CancellationToken cancellationToken)
    {
        var roleId = await db.Roles.AsNoTracking().Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.InstitutionId == institutionId && !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId))
            .Select(u => u.Id).ToListAsync(cancellationToken);
    }

    private async Task<List<Guid>> WithPermissionAsync(Guid institutionId, string permission, CancellationToken cancellationToken)
    {
        var roles = RolePermissions.RolesWith(permission).ToList();
        return await db.Users.AsNoTracking().Where(u => u.InstitutionId == institutionId && !u.IsDisabled
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))))
            .Select(u => u.Id).ToListAsync(cancellationToken);
    }
}

/// <summary>The durable job that runs <see cref="ReportReminders"/>, once per firing across instances.</summary>
internal sealed class ReportReminderJob(ReportReminders reminders) : ISponaJob
{
    public const string JobName = "action-plans.report-reminders";

    public Task RunAsync(JobRun run, CancellationToken cancellationToken) => reminders.RunAsync(cancellationToken);
}
