using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Errors;

namespace Spona.Web.Features.ActionPlans;

/// <summary>One progress report: its content, submission, the two reviews, corrections of a locked period, its evidence.</summary>
public sealed class ReportModel(ActionPlanQueries queries, SubmitReport submit, ReviewReport review, CorrectReport correct, IStringLocalizer<ReportModel> localizer) : PageModel, IShowRuleViolations
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ReportDetail? Report { get; private set; }

    public string? Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAgainAsync(cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(int? version, CancellationToken cancellationToken) =>
        RunAsync("Submit", () => submit.SubmitAsync(Id, version, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReviewAsync(ReviewLevel? level, ReviewDecision? decision, string? comment, int? version, CancellationToken cancellationToken) =>
        RunAsync("Review", () => review.ReviewAsync(Id, new ReviewInput(level, decision, comment, version), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCorrectAsync(string? reason, string? narrative, int? percentComplete, int? version, CancellationToken cancellationToken) =>
        RunAsync("Correct", () => correct.CorrectAsync(Id, new CorrectionInput(reason, null, percentComplete, narrative, null, version), cancellationToken), cancellationToken);

    public async Task<IActionResult> ShowAgainAsync(CancellationToken cancellationToken)
    {
        Report = await queries.FindReportAsync(Id, cancellationToken);
        return Report is null ? NotFound() : Page();
    }

    private async Task<IActionResult> RunAsync(string form, Func<Task<EditOutcome>> change, CancellationToken cancellationToken)
    {
        Failed = form;
        var outcome = await change();
        switch (outcome.Status)
        {
            case EditStatus.Done:
                TempData["Saved"] = true;
                return Redirect($"/action-plans/reports/{Id}");
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
