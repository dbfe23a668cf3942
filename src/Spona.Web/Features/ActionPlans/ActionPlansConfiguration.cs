using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Organisations;

namespace Spona.Web.Features.ActionPlans;

/// <summary>The action plans' mapping; tables are named here. Measures are referenced by id through the strategy's contract.</summary>
internal sealed class ActionPlansConfiguration :
    IEntityTypeConfiguration<ActionPlan>,
    IEntityTypeConfiguration<PlanConsultation>,
    IEntityTypeConfiguration<PlanActivity>,
    IEntityTypeConfiguration<ActivityMeasure>,
    IEntityTypeConfiguration<ActivityPartner>,
    IEntityTypeConfiguration<ActivityStatusUpdate>,
    IEntityTypeConfiguration<PlanIndicator>,
    IEntityTypeConfiguration<IndicatorTarget>,
    IEntityTypeConfiguration<IndicatorValue>,
    IEntityTypeConfiguration<IndicatorBreakdown>,
    IEntityTypeConfiguration<BudgetLine>,
    IEntityTypeConfiguration<TeamRemuneration>,
    IEntityTypeConfiguration<ReportingPeriod>,
    IEntityTypeConfiguration<ProgressReport>,
    IEntityTypeConfiguration<ReportReview>,
    IEntityTypeConfiguration<ReportCorrection>,
    IEntityTypeConfiguration<ReportReminder>
{
    public void Configure(EntityTypeBuilder<ActionPlan> builder)
    {
        builder.ToTable("ActionPlans");
        builder.OwnsLocalizedText(p => p.Title, "Title", ActionPlan.TitleLength);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.DecisionReference).HasMaxLength(300);
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(p => p.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Institution>().WithMany().HasForeignKey(p => p.OwnerInstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ActionPlan>().WithMany().HasForeignKey(p => p.CopiedFromPlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.JurisdictionId, p.PeriodStart });
        builder.HasIndex(p => p.OwnerInstitutionId);
    }

    public void Configure(EntityTypeBuilder<PlanConsultation> builder)
    {
        builder.ToTable("ActionPlanConsultations");
        builder.Property(c => c.Group).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Organisation).HasMaxLength(300);
        builder.Property(c => c.Note).HasMaxLength(2000);
        builder.HasOne<ActionPlan>().WithMany().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PlanId, c.ConsultedOn });
    }

    public void Configure(EntityTypeBuilder<PlanActivity> builder)
    {
        builder.ToTable("ActionPlanActivities");
        builder.OwnsLocalizedText(a => a.Title, "Title", ActionPlan.TitleLength);
        builder.Property(a => a.Description).HasMaxLength(4000);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.StatusReason).HasMaxLength(PlanActivity.ReasonLength);
        builder.HasOne<ActionPlan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Institution>().WithMany().HasForeignKey(a => a.LeadInstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.PlanId, a.Number }).IsUnique();
        builder.HasIndex(a => a.LeadInstitutionId);
        builder.HasMany(a => a.Measures).WithOne().HasForeignKey(m => m.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Partners).WithOne().HasForeignKey(p => p.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ActivityMeasure> builder)
    {
        builder.ToTable("ActionPlanActivityMeasures");
        builder.HasIndex(m => new { m.ActivityId, m.MeasureId, m.MeasureItemId }).IsUnique();
        builder.HasIndex(m => m.MeasureId);
    }

    public void Configure(EntityTypeBuilder<ActivityPartner> builder)
    {
        builder.ToTable("ActionPlanActivityPartners");
        builder.HasIndex(p => new { p.ActivityId, p.InstitutionId }).IsUnique();
        builder.HasOne<Institution>().WithMany().HasForeignKey(p => p.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.InstitutionId);
    }

    public void Configure(EntityTypeBuilder<ActivityStatusUpdate> builder)
    {
        builder.ToTable("ActionPlanActivityUpdates");
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.Reason).HasMaxLength(PlanActivity.ReasonLength);
        builder.HasOne<PlanActivity>().WithMany().HasForeignKey(u => u.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SponaUser>().WithMany().HasForeignKey(u => u.AuthorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.ActivityId, u.At });
    }

    public void Configure(EntityTypeBuilder<PlanIndicator> builder)
    {
        builder.ToTable("ActionPlanIndicators");
        builder.Property(i => i.Name).HasMaxLength(PlanIndicator.NameLength);
        builder.Property(i => i.Definition).HasMaxLength(2000);
        builder.Property(i => i.Unit).HasMaxLength(64);
        builder.Property(i => i.Source).HasMaxLength(500);
        builder.Property(i => i.Direction).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.BaselineValue).HasPrecision(18, 4);
        builder.HasOne<ActionPlan>().WithMany().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlanActivity>().WithMany().HasForeignKey(i => i.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Targets).WithOne().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.PlanId);
    }

    public void Configure(EntityTypeBuilder<IndicatorTarget> builder)
    {
        builder.ToTable("ActionPlanIndicatorTargets");
        builder.HasIndex(t => new { t.IndicatorId, t.PeriodId }).IsUnique();
        builder.Property(t => t.Value).HasPrecision(18, 4);
        builder.HasOne<ReportingPeriod>().WithMany().HasForeignKey(t => t.PeriodId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<IndicatorValue> builder)
    {
        builder.ToTable("ActionPlanIndicatorValues");
        builder.Property(v => v.Value).HasPrecision(18, 4);
        builder.Property(v => v.Source).HasMaxLength(IndicatorValue.SourceLength);
        builder.HasOne<PlanIndicator>().WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ReportingPeriod>().WithMany().HasForeignKey(v => v.PeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProgressReport>().WithMany().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Breakdown).WithOne().HasForeignKey(b => b.ValueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.IndicatorId, v.PeriodId });
        builder.HasIndex(v => v.ReportId);
    }

    public void Configure(EntityTypeBuilder<IndicatorBreakdown> builder)
    {
        builder.ToTable("ActionPlanIndicatorBreakdown");
        builder.HasIndex(b => new { b.ValueId, b.Dimension, b.Category }).IsUnique();
        builder.Property(b => b.Dimension).HasMaxLength(64);
        builder.Property(b => b.Category).HasMaxLength(64);
        builder.Property(b => b.Value).HasPrecision(18, 4);
    }

    public void Configure(EntityTypeBuilder<BudgetLine> builder)
    {
        builder.ToTable("ActionPlanBudgetLines");
        builder.Property(b => b.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.DonorName).HasMaxLength(200);
        builder.HasOne<PlanActivity>().WithMany().HasForeignKey(b => b.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.ActivityId, b.Year });
    }

    public void Configure(EntityTypeBuilder<TeamRemuneration> builder)
    {
        builder.ToTable("ActionPlanRemunerations");
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<ActionPlan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Institution>().WithMany().HasForeignKey(r => r.TeamInstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.PlanId, r.Year });
    }

    public void Configure(EntityTypeBuilder<ReportingPeriod> builder)
    {
        builder.ToTable("ActionPlanPeriods");
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Label).HasMaxLength(64);
        builder.HasOne<ActionPlan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.PlanId, p.Label }).IsUnique();
        builder.HasIndex(p => p.DueOn);
    }

    public void Configure(EntityTypeBuilder<ProgressReport> builder)
    {
        builder.ToTable("ActionPlanReports");
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ReportedStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Narrative).HasMaxLength(ProgressReport.NarrativeLength);
        builder.HasOne<PlanActivity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ReportingPeriod>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Institution>().WithMany().HasForeignKey(r => r.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ActivityId, r.PeriodId }).IsUnique();
        builder.HasIndex(r => new { r.InstitutionId, r.State });
    }

    public void Configure(EntityTypeBuilder<ReportReview> builder)
    {
        builder.ToTable("ActionPlanReportReviews");
        builder.Property(r => r.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Decision).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Comment).HasMaxLength(ReportReview.CommentLength);
        builder.HasOne<ProgressReport>().WithMany().HasForeignKey(r => r.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ReportId, r.At });
    }

    public void Configure(EntityTypeBuilder<ReportCorrection> builder)
    {
        builder.ToTable("ActionPlanReportCorrections");
        builder.Property(c => c.Reason).HasMaxLength(2000);
        builder.Property(c => c.Before).HasMaxLength(16000);
        builder.Property(c => c.After).HasMaxLength(16000);
        builder.HasOne<ProgressReport>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.ReportId, c.At });
    }

    public void Configure(EntityTypeBuilder<ReportReminder> builder)
    {
        builder.ToTable("ActionPlanReportReminders");
        builder.HasIndex(r => new { r.ActivityId, r.PeriodId, r.Step }).IsUnique();
        builder.HasOne<PlanActivity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ReportingPeriod>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }
}
