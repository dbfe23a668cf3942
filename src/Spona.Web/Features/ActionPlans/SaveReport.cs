using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public sealed record BreakdownInput(string Dimension, string Category, decimal Value);

public sealed record IndicatorValueInput(Guid IndicatorId, decimal Value, string? Source, IReadOnlyList<BreakdownInput>? Breakdown);

public sealed record ReportInput
{
    public ActivityStatus? ReportedStatus { get; init; }

    public int? PercentComplete { get; init; }

    public string? Narrative { get; init; }

    public long? SpentMinor { get; init; }

    /// <summary>Values of the activity's indicators for the period (replace those saved before).</summary>
    public IReadOnlyList<IndicatorValueInput>? IndicatorValues { get; init; }

    /// <summary>The version read; null when the report is written for the first time.</summary>
    public int? Version { get; init; }
}

/// <summary>
/// Writes the report of an activity for a period, as a draft (or again once returned): only the activity's lead
/// institution, only while the period is open. Indicator values must be of the activity's indicators, and each
/// disaggregation must sum to its value.
/// </summary>
public sealed class SaveReport(AppDbContext db, PlanAccess access, TimeProvider clock)
{
    public const int MaxDimensions = 10;

    public async Task<EditOutcome> SaveAsync(Guid activityId, Guid periodId, ReportInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Check(input) is { } invalid)
        {
            return invalid;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var activity = await access.FindActivityAsync(activityId, cancellationToken);
        if (activity is null)
        {
            return EditOutcome.NotFound;
        }

        var period = await db.ReportingPeriods.FirstOrDefaultAsync(p => p.Id == periodId && p.PlanId == activity.PlanId, cancellationToken);
        if (period is null)
        {
            return EditOutcome.NotFound;
        }

        var report = await db.ProgressReports.FirstOrDefaultAsync(r => r.ActivityId == activityId && r.PeriodId == periodId, cancellationToken);
        if (!access.CanReport(report?.InstitutionId ?? activity.LeadInstitutionId))
        {
            return EditOutcome.Forbidden;
        }

        if (report is not null && input.Version != report.Version)
        {
            return EditOutcome.Conflict;
        }

        var plan = await db.ActionPlans.AsNoTracking().FirstAsync(p => p.Id == activity.PlanId, cancellationToken);
        plan.EnsureOpen();
        period.EnsureUnlocked();
        if (plan.Status == PlanStatus.Draft)
        {
            throw new DomainRuleViolation("report.plan-draft", "Reports are written once the plan is adopted.");
        }

        var indicators = await db.PlanIndicators.AsNoTracking().Where(i => i.ActivityId == activityId).Select(i => i.Id).ToListAsync(cancellationToken);
        var values = input.IndicatorValues ?? [];
        if (values.Any(v => !indicators.Contains(v.IndicatorId)) || values.GroupBy(v => v.IndicatorId).Any(g => g.Count() > 1))
        {
            return EditOutcome.Invalid("indicatorValues", "A value names an indicator that is not this activity's, or one indicator twice.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (report is null)
        {
            report = new ProgressReport { Id = Guid.NewGuid(), ActivityId = activityId, PeriodId = periodId, InstitutionId = activity.LeadInstitutionId, State = ReportState.Draft };
            db.ProgressReports.Add(report);
        }
        else
        {
            report.EnsureEditable();
        }

        report.ReportedStatus = input.ReportedStatus!.Value;
        report.PercentComplete = input.ReportedStatus == ActivityStatus.Completed ? 100 : input.PercentComplete!.Value;
        report.Narrative = string.IsNullOrWhiteSpace(input.Narrative) ? null : input.Narrative.Trim();
        report.SpentMinor = input.SpentMinor ?? 0;
        report.UpdatedAt = now;

        var old = await db.IndicatorValues.Where(v => v.ReportId == report.Id).ToListAsync(cancellationToken);
        db.IndicatorValues.RemoveRange(old);
        foreach (var v in values)
        {
            var breakdown = (v.Breakdown ?? []).Select(b => new IndicatorBreakdown { Id = Guid.NewGuid(), Dimension = b.Dimension.Trim(), Category = b.Category.Trim(), Value = b.Value }).ToList();
            IndicatorValue.CheckBreakdown(v.Value, breakdown);
            var value = new IndicatorValue
            {
                Id = Guid.NewGuid(),
                IndicatorId = v.IndicatorId,
                PeriodId = periodId,
                ReportId = report.Id,
                Value = v.Value,
                Source = string.IsNullOrWhiteSpace(v.Source) ? null : v.Source.Trim(),
                Breakdown = breakdown,
            };
            foreach (var b in breakdown)
            {
                b.ValueId = value.Id;
            }

            db.IndicatorValues.Add(value);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(report.Id.ToString());
    }

    internal static EditOutcome? Check(ReportInput input)
    {
        if (input.ReportedStatus is null)
        {
            return EditOutcome.Invalid("reportedStatus", "Choose the activity's status in the period.");
        }

        if (input.PercentComplete is not { } percent || percent is < 0 or > 100)
        {
            return EditOutcome.Invalid("percentComplete", "Give the percent complete, from 0 to 100.");
        }

        if (input.Narrative?.Length > ProgressReport.NarrativeLength)
        {
            return EditOutcome.Invalid("narrative", "The narrative is too long (at most 8000 characters).");
        }

        if (input.SpentMinor is < 0 or > BudgetLine.MaxMinor)
        {
            return EditOutcome.Invalid("spentMinor", "The amount spent must be zero or more, in fening.");
        }

        foreach (var v in input.IndicatorValues ?? [])
        {
            if (Math.Abs(v.Value) > SaveIndicator.MaxValue || v.Source?.Length > IndicatorValue.SourceLength)
            {
                return EditOutcome.Invalid("indicatorValues", "A value is out of range or its source too long.");
            }

            var breakdown = v.Breakdown ?? [];
            if (breakdown.Any(b => string.IsNullOrWhiteSpace(b.Dimension) || string.IsNullOrWhiteSpace(b.Category) || b.Dimension.Trim().Length > 64 || b.Category.Trim().Length > 64)
                || breakdown.Select(b => b.Dimension.Trim().ToUpperInvariant()).Distinct().Count() > MaxDimensions)
            {
                return EditOutcome.Invalid("indicatorValues", "Each disaggregation names its dimension and category (up to 64 characters each).");
            }
        }

        return null;
    }
}
