using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Errors;

namespace Spona.Web.Features.ActionPlans;

/// <summary>One activity: measures, institutions, status and its history, budget, indicators, its reports per period.</summary>
public sealed class ActivityModel(ActionPlanQueries queries, RecordActivityStatus recordStatus, SaveBudgetLine saveBudget, IStringLocalizer<ActivityModel> localizer) : PageModel, IShowRuleViolations
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ActivityDetail? Activity { get; private set; }

    public string? Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAgainAsync(cancellationToken);

    public Task<IActionResult> OnPostStatusAsync(ActivityStatus? status, int? percentComplete, string? reason, int? version, CancellationToken cancellationToken) =>
        RunAsync("Status", () => recordStatus.RecordAsync(Id, new ActivityStatusInput(status, percentComplete, reason, version), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostBudgetAsync(int? year, FundingSource? source, string? donorName, string? planned, string? executed, CancellationToken cancellationToken)
    {
        var plannedMinor = ActionPlanLabels.ParseKm(planned);
        var executedMinor = string.IsNullOrWhiteSpace(executed) ? 0 : ActionPlanLabels.ParseKm(executed);
        if (plannedMinor is null || executedMinor is null)
        {
            Failed = "Budget";
            ModelState.AddModelError("Budget", localizer["Give the amounts in KM, e.g. 12500 or 12.500,50."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return ShowAgainAsync(cancellationToken);
        }

        return RunAsync("Budget", () => saveBudget.CreateAsync(Id, new BudgetLineInput(year, source, donorName, plannedMinor, executedMinor, null), cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> ShowAgainAsync(CancellationToken cancellationToken)
    {
        Activity = await queries.FindActivityAsync(Id, cancellationToken);
        return Activity is null ? NotFound() : Page();
    }

    private async Task<IActionResult> RunAsync(string form, Func<Task<EditOutcome>> change, CancellationToken cancellationToken)
    {
        Failed = form;
        var outcome = await change();
        switch (outcome.Status)
        {
            case EditStatus.Done:
                TempData["Saved"] = true;
                return Redirect($"/action-plans/activities/{Id}");
            case EditStatus.NotFound:
                return NotFound();
            case EditStatus.Forbidden:
                return Forbid();
            default:
                outcome.AddTo(ModelState, form, localizer);
                Response.StatusCode = outcome.Status == EditStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
                return await ShowAgainAsync(cancellationToken);
        }
    }
}
