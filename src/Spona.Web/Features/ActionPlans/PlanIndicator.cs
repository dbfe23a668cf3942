using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public enum IndicatorDirection
{
    /// <summary>More is better (e.g. trainings held).</summary>
    Increase,

    /// <summary>Less is better (e.g. days until placement).</summary>
    Decrease,
}

/// <summary>
/// An indicator of a plan (1.1.4): of one activity, or of the plan beside the strategy's measures. It has a
/// definition, unit, direction, baseline, a target per reporting period and actual values per period.
/// </summary>
public sealed class PlanIndicator : IAudited, IVersioned
{
    public const int NameLength = 400;

    public Guid Id { get; set; }

    [AuditValue]
    public Guid PlanId { get; set; }

    /// <summary>The activity it measures, or null for a plan-level indicator.</summary>
    [AuditValue]
    public Guid? ActivityId { get; set; }

    /// <summary>The strategy measure a plan-level indicator serves, if any.</summary>
    [AuditValue]
    public Guid? MeasureId { get; set; }

    [AuditValue]
    public required string Name { get; set; }

    [AuditValue]
    public string? Definition { get; set; }

    [AuditValue]
    public required string Unit { get; set; }

    [AuditValue]
    public IndicatorDirection Direction { get; set; }

    [AuditValue]
    public decimal? BaselineValue { get; set; }

    [AuditValue]
    public DateOnly? BaselineDate { get; set; }

    /// <summary>Where its values come from (a register, a survey, a ministry's records).</summary>
    [AuditValue]
    public string? Source { get; set; }

    [AuditValue]
    public int Version { get; set; }

    public List<IndicatorTarget> Targets { get; set; } = [];
}

/// <summary>The target of an indicator for one reporting period.</summary>
public sealed class IndicatorTarget : IAudited
{
    public Guid Id { get; set; }

    [AuditValue]
    public Guid IndicatorId { get; set; }

    [AuditValue]
    public Guid PeriodId { get; set; }

    [AuditValue]
    public decimal Value { get; set; }
}

/// <summary>
/// An actual value of an indicator for one period, reported in a progress report (or recorded by the plan owner for a
/// plan-level indicator), with its source and, optionally, its disaggregation, which must sum to the total.
/// </summary>
public sealed class IndicatorValue : IAudited
{
    public const int SourceLength = 500;

    public Guid Id { get; set; }

    [AuditValue]
    public Guid IndicatorId { get; set; }

    [AuditValue]
    public Guid PeriodId { get; set; }

    /// <summary>The report it came in, or null when the plan owner recorded it.</summary>
    [AuditValue]
    public Guid? ReportId { get; set; }

    [AuditValue]
    public decimal Value { get; set; }

    [AuditValue]
    public string? Source { get; set; }

    public List<IndicatorBreakdown> Breakdown { get; set; } = [];

    /// <summary>Every dimension of a breakdown (e.g. "sex": female + male) must sum to the total.</summary>
    public static void CheckBreakdown(decimal total, IEnumerable<IndicatorBreakdown> breakdown)
    {
        foreach (var dimension in breakdown.GroupBy(b => b.Dimension, StringComparer.OrdinalIgnoreCase))
        {
            if (dimension.GroupBy(b => b.Category, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
            {
                throw new DomainRuleViolation("indicator.breakdown-duplicate", "A category appears twice in the same disaggregation.");
            }

            if (dimension.Sum(b => b.Value) != total)
            {
                throw new DomainRuleViolation("indicator.breakdown-sum", "A disaggregation must add up to the total value.");
            }
        }
    }
}

/// <summary>One category of a disaggregated value, e.g. dimension "sex", category "female", value 12.</summary>
public sealed class IndicatorBreakdown : IAudited
{
    public Guid Id { get; set; }

    [AuditValue]
    public Guid ValueId { get; set; }

    [AuditValue]
    public required string Dimension { get; set; }

    [AuditValue]
    public required string Category { get; set; }

    [AuditValue]
    public decimal Value { get; set; }
}

/// <summary>
/// Progress against a target, computed the same way everywhere (pages, API, monitoring views, the annual report):
/// the share of the way from the baseline to the target that the actual value has come. For an increasing indicator
/// (baseline taken as 0 when none is given) it is (actual − baseline) / (target − baseline); for a decreasing one
/// (which needs a baseline) (baseline − actual) / (baseline − target). Never below 0; above 1 when the target is
/// exceeded. A target equal to the baseline is met (1) or not (0). Unknown (null) without an actual or a target.
/// </summary>
public static class IndicatorProgress
{
    public static decimal? Of(IndicatorDirection direction, decimal? baseline, decimal? target, decimal? actual)
    {
        if (actual is not { } a || target is not { } t)
        {
            return null;
        }

        decimal b;
        if (baseline is { } given)
        {
            b = given;
        }
        else if (direction == IndicatorDirection.Increase)
        {
            b = 0;
        }
        else
        {
            return null;
        }

        var way = direction == IndicatorDirection.Increase ? t - b : b - t;
        var come = direction == IndicatorDirection.Increase ? a - b : b - a;
        if (way == 0)
        {
            return come >= 0 ? 1m : 0m;
        }

        if (way < 0)
        {
            // The target lies behind the baseline in the indicator's own direction: met when the actual reaches it.
            return (direction == IndicatorDirection.Increase ? a >= t : a <= t) ? 1m : 0m;
        }

        return Math.Round(Math.Max(0m, come / way), 4);
    }

    public static bool Met(IndicatorDirection direction, decimal? target, decimal? actual) =>
        target is { } t && actual is { } a && (direction == IndicatorDirection.Increase ? a >= t : a <= t);
}
