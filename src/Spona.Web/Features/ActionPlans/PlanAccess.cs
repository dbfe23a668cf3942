using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

/// <summary>
/// Who reaches which plan, activity and report (ADR 0029). Every query of the module starts here, so no page or
/// endpoint can forget the rule: the State Coordinator's office and the Monitoring Team (<see cref="ActionPlansPermissions.ReadAll"/>)
/// read every plan; the owner's coordination body reads its whole plan; an institution that leads or partners an
/// activity reads the plan's header and those activities, and their reports. What cannot be read is "not found".
/// Writes: the owner (with <see cref="ActionPlansPermissions.Manage"/>) keeps the plan; the lead institution (with
/// <see cref="ActionPlansPermissions.Report"/>) reports on and updates its own activities only.
/// </summary>
public sealed class PlanAccess(AppDbContext db, CurrentUser user)
{
    public Guid Institution => user.InstitutionId ?? Guid.Empty;

    public Guid UserId => user.UserId ?? Guid.Empty;

    public bool ReadsAll => user.Has(ActionPlansPermissions.ReadAll);

    public bool Has(string permission) => user.Has(permission);

    /// <summary>The plans the current user reads.</summary>
    public IQueryable<ActionPlan> Plans()
    {
        if (ReadsAll)
        {
            return db.ActionPlans;
        }

        var institution = Institution;
        var activities = db.PlanActivities;
        return db.ActionPlans.Where(p => p.OwnerInstitutionId == institution
            || activities.Any(a => a.PlanId == p.Id && (a.LeadInstitutionId == institution || a.Partners.Any(x => x.InstitutionId == institution))));
    }

    /// <summary>The activities the current user reads: all of a plan they own or read whole, else their institution's own.</summary>
    public IQueryable<PlanActivity> Activities()
    {
        if (ReadsAll)
        {
            return db.PlanActivities;
        }

        var institution = Institution;
        var plans = db.ActionPlans;
        return db.PlanActivities.Where(a => a.LeadInstitutionId == institution || a.Partners.Any(x => x.InstitutionId == institution)
            || plans.Any(p => p.Id == a.PlanId && p.OwnerInstitutionId == institution));
    }

    /// <summary>The reports the current user reads: those of the activities they read.</summary>
    public IQueryable<ProgressReport> Reports()
    {
        var activities = Activities().Select(a => a.Id);
        return db.ProgressReports.Where(r => activities.Contains(r.ActivityId));
    }

    /// <summary>Whether the current user reads the whole plan (every activity), not only their institution's part.</summary>
    public bool ReadsWhole(ActionPlan plan) => ReadsAll || plan.OwnerInstitutionId == Institution;

    /// <summary>Keeps the plan: its header, activities, indicators, budgets, periods; first review of its reports.</summary>
    public bool CanManage(ActionPlan plan) => user.Has(ActionPlansPermissions.Manage) && plan.OwnerInstitutionId == Institution;

    /// <summary>Updates an activity's status and progress: its lead institution's reporters, or the plan's owner.</summary>
    public bool CanUpdate(PlanActivity activity, ActionPlan plan) =>
        CanManage(plan) || (user.Has(ActionPlansPermissions.Report) && activity.LeadInstitutionId == Institution);

    /// <summary>Writes and submits a report: only the reporting institution.</summary>
    public bool CanReport(Guid reportingInstitutionId) => user.Has(ActionPlansPermissions.Report) && reportingInstitutionId == Institution;

    public bool CanReview(ReviewLevel level, ActionPlan plan) => level == ReviewLevel.Coordination
        ? CanManage(plan)
        : user.Has(ActionPlansPermissions.Monitor);

    public bool CanMonitor => user.Has(ActionPlansPermissions.Monitor);

    /// <summary>Reads a plan the user reaches, tracked, for a change.</summary>
    public Task<ActionPlan?> FindPlanAsync(Guid id, CancellationToken cancellationToken) =>
        Plans().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<PlanActivity?> FindActivityAsync(Guid id, CancellationToken cancellationToken) =>
        Activities().Include(a => a.Measures).Include(a => a.Partners).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
}
