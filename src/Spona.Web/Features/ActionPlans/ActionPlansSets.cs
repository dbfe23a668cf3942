using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

/// <summary>The action plans' sets of the data API, declared from the module's folder.</summary>
public static class ActionPlansSets
{
    extension(AppDbContext db)
    {
        public DbSet<ActionPlan> ActionPlans => db.Set<ActionPlan>();

        public DbSet<PlanConsultation> PlanConsultations => db.Set<PlanConsultation>();

        public DbSet<PlanActivity> PlanActivities => db.Set<PlanActivity>();

        public DbSet<ActivityStatusUpdate> ActivityStatusUpdates => db.Set<ActivityStatusUpdate>();

        public DbSet<PlanIndicator> PlanIndicators => db.Set<PlanIndicator>();

        public DbSet<IndicatorValue> IndicatorValues => db.Set<IndicatorValue>();

        public DbSet<BudgetLine> BudgetLines => db.Set<BudgetLine>();

        public DbSet<TeamRemuneration> TeamRemunerations => db.Set<TeamRemuneration>();

        public DbSet<ReportingPeriod> ReportingPeriods => db.Set<ReportingPeriod>();

        public DbSet<ProgressReport> ProgressReports => db.Set<ProgressReport>();

        public DbSet<ReportReview> ReportReviews => db.Set<ReportReview>();

        public DbSet<ReportCorrection> ReportCorrections => db.Set<ReportCorrection>();

        public DbSet<ReportReminder> ReportReminders => db.Set<ReportReminder>();
    }
}
