using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Errors;

namespace Spona.Web.Features.ActionPlans;

/// <summary>
/// One plan: header and status, consultations, activities, reporting periods (generate, lock), indicators, copy to a
/// new period. Each form posts to its own handler, runs the same use case as the API and comes back here.
/// </summary>
public sealed class PlanModel(
    ActionPlanQueries queries, PlanAccess access, ChangePlanStatus changeStatus, AddConsultation addConsultation, AddPeriods addPeriods,
    LockPeriod lockPeriod, SaveIndicator saveIndicator, CopyPlan copyPlan, IStringLocalizer<PlanModel> localizer) : PageModel, IShowRuleViolations
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public PlanDetail? Plan { get; private set; }

    public bool CanMonitor => access.CanMonitor;

    /// <summary>Which form's errors to show (its handler's name).</summary>
    public string? Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAgainAsync(cancellationToken);

    public Task<IActionResult> OnPostStatusAsync(PlanStatus? status, DateOnly? adoptedOn, string? decisionReference, int? version, CancellationToken cancellationToken) =>
        RunAsync("Status", () => changeStatus.ChangeAsync(Id, new PlanStatusInput(status, adoptedOn, decisionReference, version), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostConsultationAsync(StakeholderGroup? group, string? organisation, DateOnly? consultedOn, string? note, CancellationToken cancellationToken) =>
        RunAsync("Consultation", () => addConsultation.AddAsync(Id, new ConsultationInput(group, organisation, consultedOn, note), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostPeriodsAsync(PeriodKind? kind, int? dueDays, string? label, DateOnly? start, DateOnly? end, DateOnly? dueOn, CancellationToken cancellationToken) =>
        RunAsync("Periods", () => addPeriods.AddAsync(Id, new PeriodsInput(kind, dueDays, label, start, end, dueOn), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostLockAsync(Guid periodId, int? version, CancellationToken cancellationToken) =>
        RunAsync("Lock", () => lockPeriod.LockAsync(periodId, version, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostIndicatorAsync(Guid? activityId, string? name, string? definition, string? unit, IndicatorDirection? direction,
        decimal? baselineValue, DateOnly? baselineDate, string? source, CancellationToken cancellationToken) =>
        RunAsync("Indicator", () => saveIndicator.CreateAsync(Id, new IndicatorInput
        {
            ActivityId = activityId,
            Name = name,
            Definition = definition,
            Unit = unit,
            Direction = direction,
            BaselineValue = baselineValue,
            BaselineDate = baselineDate,
            Source = source,
        }, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostCopyAsync(DateOnly? periodStart, DateOnly? periodEnd, CancellationToken cancellationToken)
    {
        Failed = "Copy";
        var outcome = await copyPlan.CopyAsync(Id, new CopyPlanInput(periodStart, periodEnd, null), cancellationToken);
        if (outcome.Status == EditStatus.Done)
        {
            TempData["Saved"] = true;
            return Redirect($"/action-plans/{outcome.Key}");
        }

        return await AfterAsync(outcome, cancellationToken);
    }

    public async Task<IActionResult> ShowAgainAsync(CancellationToken cancellationToken)
    {
        Plan = await queries.FindPlanAsync(Id, cancellationToken);
        return Plan is null ? NotFound() : Page();
    }

    private async Task<IActionResult> RunAsync(string form, Func<Task<EditOutcome>> change, CancellationToken cancellationToken)
    {
        // Set first: a broken rule, shown by the rule filter, then appears beside this form.
        Failed = form;
        var outcome = await change();
        if (outcome.Status == EditStatus.Done)
        {
            TempData["Saved"] = true;
            return Redirect($"/action-plans/{Id}");
        }

        return await AfterAsync(outcome, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(EditOutcome outcome, CancellationToken cancellationToken)
    {
        switch (outcome.Status)
        {
            case EditStatus.NotFound:
                return NotFound();
            case EditStatus.Forbidden:
                return Forbid();
            default:
                outcome.AddTo(ModelState, Failed!, localizer);
                Response.StatusCode = outcome.Status == EditStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
                return await ShowAgainAsync(cancellationToken);
        }
    }
}
