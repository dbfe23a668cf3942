using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Errors;

namespace Spona.Web.Features.ActionPlans;

/// <summary>
/// Writes the report of an activity for a period (the lead institution): status, progress, narrative, money spent,
/// a value per indicator with its source and disaggregation ("dimension: category = value", one per line).
/// </summary>
public sealed class ReportEditModel(SaveReport save, ActionPlanQueries queries, IStringLocalizer<ReportEditModel> localizer) : PageModel, IShowRuleViolations
{
    [BindProperty(SupportsGet = true)]
    public Guid ActivityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid PeriodId { get; set; }

    [BindProperty]
    public ReportForm Input { get; set; } = new();

    public ActivityDetail? Activity { get; private set; }

    public string Period { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing)
        {
            return missing;
        }

        var item = Activity!.Reports.First(r => r.PeriodId == PeriodId);
        if (item.ReportId is { } reportId && await queries.FindReportAsync(reportId, cancellationToken) is { } report)
        {
            if (!report.CanEdit)
            {
                return Redirect($"/action-plans/reports/{reportId}");
            }

            Input = new ReportForm
            {
                ReportedStatus = report.ReportedStatus,
                PercentComplete = report.PercentComplete,
                Narrative = report.Narrative,
                Spent = (report.SpentMinor / 100m).ToString("0.00", CultureInfo.CurrentCulture),
                Version = report.Version,
                Values = [.. Activity.Indicators.Select(i => report.IndicatorValues.FirstOrDefault(v => v.IndicatorId == i.Id) is { } v
                    ? new ValueForm { IndicatorId = i.Id, Value = v.Value.ToString("0.####", CultureInfo.CurrentCulture), Source = v.Source, Breakdown = string.Join("\n", v.Breakdown.Select(b => $"{b.Dimension}: {b.Category} = {b.Value.ToString("0.####", CultureInfo.CurrentCulture)}")) }
                    : new ValueForm { IndicatorId = i.Id })],
            };
        }
        else
        {
            Input = new ReportForm { ReportedStatus = Activity.Status, PercentComplete = Activity.PercentComplete, Values = [.. Activity.Indicators.Select(i => new ValueForm { IndicatorId = i.Id })] };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var values = new List<IndicatorValueInput>();
        foreach (var v in Input.Values.Where(v => !string.IsNullOrWhiteSpace(v.Value)))
        {
            if (!TryNumber(v.Value, out var value) || ParseBreakdown(v.Breakdown) is not { } breakdown)
            {
                ModelState.AddModelError("Input.indicatorValues", localizer["Write each value as a number and each disaggregation line as \"dimension: category = value\"."]);
                return await ShowAgainAsync(cancellationToken);
            }

            values.Add(new IndicatorValueInput(v.IndicatorId, value, v.Source, breakdown));
        }

        long? spent = string.IsNullOrWhiteSpace(Input.Spent) ? 0 : ActionPlanLabels.ParseKm(Input.Spent);
        if (spent is null)
        {
            ModelState.AddModelError("Input.spentMinor", localizer["Give the amounts in KM, e.g. 12500 or 12.500,50."]);
            return await ShowAgainAsync(cancellationToken);
        }

        var outcome = await save.SaveAsync(ActivityId, PeriodId, new ReportInput
        {
            ReportedStatus = Input.ReportedStatus,
            PercentComplete = Input.PercentComplete,
            Narrative = Input.Narrative,
            SpentMinor = spent,
            IndicatorValues = values,
            Version = Input.Version,
        }, cancellationToken);
        switch (outcome.Status)
        {
            case EditStatus.Done:
                TempData["Saved"] = true;
                return Redirect($"/action-plans/reports/{outcome.Key}");
            case EditStatus.NotFound:
                return NotFound();
            case EditStatus.Forbidden:
                return Forbid();
            default:
                outcome.AddTo(ModelState, nameof(Input), localizer);
                return await ShowAgainAsync(cancellationToken);
        }
    }

    public async Task<IActionResult> ShowAgainAsync(CancellationToken cancellationToken)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(cancellationToken) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        Activity = await queries.FindActivityAsync(ActivityId, cancellationToken);
        if (Activity?.Reports.FirstOrDefault(r => r.PeriodId == PeriodId) is not { } period)
        {
            return NotFound();
        }

        if (!Activity.CanReport)
        {
            return Forbid();
        }

        Period = period.Period;
        return null;
    }

    private static bool TryNumber(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.CurrentCulture, out value)
        || decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    /// <summary>Lines of "dimension: category = value"; null when a line is not one.</summary>
    internal static List<BreakdownInput>? ParseBreakdown(string? text)
    {
        var result = new List<BreakdownInput>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var equals = line.LastIndexOf('=');
            if (colon <= 0 || equals <= colon + 1 || !TryNumber(line[(equals + 1)..], out var value))
            {
                return null;
            }

            result.Add(new BreakdownInput(line[..colon].Trim(), line[(colon + 1)..equals].Trim(), value));
        }

        return result;
    }

    public sealed class ReportForm
    {
        public ActivityStatus? ReportedStatus { get; set; }

        public int? PercentComplete { get; set; }

        public string? Narrative { get; set; }

        public string? Spent { get; set; }

        public List<ValueForm> Values { get; set; } = [];

        public int? Version { get; set; }
    }

    public sealed class ValueForm
    {
        public Guid IndicatorId { get; set; }

        public string? Value { get; set; }

        public string? Source { get; set; }

        public string? Breakdown { get; set; }
    }
}
