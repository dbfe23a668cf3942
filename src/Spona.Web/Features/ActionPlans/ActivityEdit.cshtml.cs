using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Features.Strategy;
using Spona.Web.Platform.Errors;

namespace Spona.Web.Features.ActionPlans;

/// <summary>A new activity of a plan (<c>/action-plans/{planId}/activities/new</c>) or an activity's fields (<c>…/activities/{activityId}/edit</c>).</summary>
public sealed class ActivityEditModel(SaveActivity save, ActionPlanQueries queries, IStringLocalizer<ActivityEditModel> localizer) : PageModel, IShowRuleViolations
{
    [BindProperty(SupportsGet = true)]
    public Guid? PlanId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ActivityId { get; set; }

    [BindProperty]
    public ActivityForm Input { get; set; } = new();

    public IReadOnlyList<MeasureReference> Measures { get; private set; } = [];

    public IReadOnlyList<InstitutionRef> Institutions { get; private set; } = [];

    public string Back => ActivityId is { } a ? $"/action-plans/activities/{a}" : $"/action-plans/{PlanId}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ActivityId is { } id)
        {
            var activity = await queries.FindActivityAsync(id, cancellationToken);
            if (activity is null)
            {
                return NotFound();
            }

            if (!activity.CanManage)
            {
                return Forbid();
            }

            Input = new ActivityForm
            {
                Bs = activity.Title.Bs,
                Hr = activity.Title.Hr,
                SrLatn = activity.Title.SrLatn,
                SrCyrl = activity.Title.SrCyrl,
                En = activity.Title.En,
                Description = activity.Description,
                LeadInstitutionId = activity.Lead.Id,
                PartnerInstitutionIds = [.. activity.Partners.Select(p => p.Id)],
                MeasureIds = [.. activity.Measures.Where(m => m.ItemId is null).Select(m => m.MeasureId)],
                Start = activity.Start,
                End = activity.End,
                Version = activity.Version,
            };
        }
        else
        {
            var plan = PlanId is { } planId ? await queries.FindPlanAsync(planId, cancellationToken) : null;
            if (plan is null)
            {
                return NotFound();
            }

            if (!plan.CanManage)
            {
                return Forbid();
            }

            Input = new ActivityForm { Start = plan.PeriodStart, End = plan.PeriodEnd };
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ShowAgainAsync(cancellationToken);
        }

        var input = new ActivityInput
        {
            Title = new PlanTitles(Input.Bs, Input.Hr, Input.SrLatn, Input.SrCyrl, Input.En),
            Description = Input.Description,
            MeasureIds = Input.MeasureIds,
            LeadInstitutionId = Input.LeadInstitutionId,
            PartnerInstitutionIds = Input.PartnerInstitutionIds,
            Start = Input.Start,
            End = Input.End,
            Version = Input.Version,
        };
        var outcome = ActivityId is { } id ? await save.UpdateAsync(id, input, cancellationToken)
            : PlanId is { } plan ? await save.CreateAsync(plan, input, cancellationToken) : EditOutcome.NotFound;
        switch (outcome.Status)
        {
            case EditStatus.Done:
                TempData["Saved"] = true;
                return Redirect($"/action-plans/activities/{outcome.Key}");
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
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Measures = await queries.MeasuresAsync(cancellationToken);
        Institutions = await queries.InstitutionsAsync(cancellationToken);
    }

    public sealed class ActivityForm
    {
        public string? Bs { get; set; }

        public string? Hr { get; set; }

        public string? SrLatn { get; set; }

        public string? SrCyrl { get; set; }

        public string? En { get; set; }

        public string? Description { get; set; }

        public List<Guid> MeasureIds { get; set; } = [];

        public Guid? LeadInstitutionId { get; set; }

        public List<Guid> PartnerInstitutionIds { get; set; } = [];

        public DateOnly? Start { get; set; }

        public DateOnly? End { get; set; }

        public int? Version { get; set; }
    }
}
