using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Features.Strategy;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public sealed record IndicatorTargetInput(Guid PeriodId, decimal Value);

public sealed record IndicatorInput
{
    /// <summary>The activity it measures; null for a plan-level indicator.</summary>
    public Guid? ActivityId { get; init; }

    public Guid? MeasureId { get; init; }

    public string? Name { get; init; }

    public string? Definition { get; init; }

    public string? Unit { get; init; }

    public IndicatorDirection? Direction { get; init; }

    public decimal? BaselineValue { get; init; }

    public DateOnly? BaselineDate { get; init; }

    public string? Source { get; init; }

    /// <summary>The target per reporting period of the plan (replaces the previous targets).</summary>
    public IReadOnlyList<IndicatorTargetInput>? Targets { get; init; }

    public int? Version { get; init; }
}

/// <summary>Adds or changes an indicator of a plan (the owner only): definition, unit, direction, baseline, targets per period.</summary>
public sealed class SaveIndicator(AppDbContext db, PlanAccess access, StrategyMeasureDirectory measures)
{
    public const decimal MaxValue = 1_000_000_000_000m;

    public async Task<EditOutcome> CreateAsync(Guid planId, IndicatorInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var plan = await access.FindPlanAsync(planId, cancellationToken);
        if (plan is null)
        {
            return EditOutcome.NotFound;
        }

        if (!access.CanManage(plan))
        {
            return EditOutcome.Forbidden;
        }

        plan.EnsureOpen();
        if (await CheckAsync(plan, input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var indicator = new PlanIndicator { Id = Guid.NewGuid(), PlanId = planId, Name = "", Unit = "" };
        Apply(indicator, input);
        db.PlanIndicators.Add(indicator);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(indicator.Id.ToString());
    }

    public async Task<EditOutcome> UpdateAsync(Guid id, IndicatorInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var plans = access.Plans().Select(p => p.Id);
        var indicator = await db.PlanIndicators.Include(i => i.Targets).FirstOrDefaultAsync(i => i.Id == id && plans.Contains(i.PlanId), cancellationToken);
        if (indicator is null)
        {
            return EditOutcome.NotFound;
        }

        var plan = await db.ActionPlans.AsNoTracking().FirstAsync(p => p.Id == indicator.PlanId, cancellationToken);
        if (!access.ReadsWhole(plan) && !await access.Activities().AnyAsync(a => a.Id == indicator.ActivityId, cancellationToken))
        {
            return EditOutcome.NotFound;
        }

        if (!access.CanManage(plan))
        {
            return EditOutcome.Forbidden;
        }

        if (input.Version != indicator.Version)
        {
            return EditOutcome.Conflict;
        }

        plan.EnsureOpen();
        if (await CheckAsync(plan, input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        Apply(indicator, input);
        db.Entry(indicator).Property(i => i.Name).IsModified = true;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(indicator.Id.ToString());
    }

    private static void Apply(PlanIndicator indicator, IndicatorInput input)
    {
        indicator.ActivityId = input.ActivityId;
        indicator.MeasureId = input.MeasureId;
        indicator.Name = input.Name!.Trim();
        indicator.Definition = string.IsNullOrWhiteSpace(input.Definition) ? null : input.Definition.Trim();
        indicator.Unit = input.Unit!.Trim();
        indicator.Direction = input.Direction!.Value;
        indicator.BaselineValue = input.BaselineValue;
        indicator.BaselineDate = input.BaselineDate;
        indicator.Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
        var targets = (input.Targets ?? []).ToDictionary(t => t.PeriodId, t => t.Value);
        indicator.Targets.RemoveAll(t => !targets.ContainsKey(t.PeriodId));
        foreach (var (period, value) in targets)
        {
            if (indicator.Targets.FirstOrDefault(t => t.PeriodId == period) is { } existing)
            {
                existing.Value = value;
            }
            else
            {
                indicator.Targets.Add(new IndicatorTarget { Id = Guid.NewGuid(), IndicatorId = indicator.Id, PeriodId = period, Value = value });
            }
        }
    }

    private async Task<EditOutcome?> CheckAsync(ActionPlan plan, IndicatorInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > PlanIndicator.NameLength)
        {
            return EditOutcome.Invalid("name", "Name the indicator (up to 400 characters).");
        }

        if (string.IsNullOrWhiteSpace(input.Unit) || input.Unit.Trim().Length > 64)
        {
            return EditOutcome.Invalid("unit", "Give the unit (e.g. number, %, days; up to 64 characters).");
        }

        if (input.Direction is null)
        {
            return EditOutcome.Invalid("direction", "Say whether more or less is better.");
        }

        if (input.Definition?.Length > 2000 || input.Source?.Length > 500)
        {
            return EditOutcome.Invalid(input.Definition?.Length > 2000 ? "definition" : "source", "The text is too long.");
        }

        if (input.BaselineValue is { } b && Math.Abs(b) > MaxValue)
        {
            return EditOutcome.Invalid("baselineValue", "The baseline is out of range.");
        }

        if (input.ActivityId is { } activity && !await db.PlanActivities.AnyAsync(a => a.Id == activity && a.PlanId == plan.Id, cancellationToken))
        {
            return EditOutcome.Invalid("activityId", "The activity is not one of this plan's.");
        }

        if (input.MeasureId is { } measure && (await measures.ListAsync(cancellationToken)).All(m => m.Id != measure))
        {
            return EditOutcome.Invalid("measureId", "The measure is not one of the strategy in force.");
        }

        var targets = input.Targets ?? [];
        if (targets.GroupBy(t => t.PeriodId).Any(g => g.Count() > 1) || targets.Any(t => Math.Abs(t.Value) > MaxValue))
        {
            return EditOutcome.Invalid("targets", "Give one target per period, within range.");
        }

        var periods = targets.Select(t => t.PeriodId).ToList();
        if (await db.ReportingPeriods.CountAsync(p => p.PlanId == plan.Id && periods.Contains(p.Id), cancellationToken) != periods.Count)
        {
            return EditOutcome.Invalid("targets", "A target names a period that is not one of this plan's.");
        }

        return null;
    }
}
