using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Errors;

namespace Spona.Web.Features.ActionPlans;

/// <summary>A new plan (<c>/action-plans/new</c>) or a plan's header (<c>/action-plans/{id}/edit</c>): the same form and use case as the API.</summary>
public sealed class EditModel(SavePlan save, ActionPlanQueries queries, PlanAccess access, IStringLocalizer<EditModel> localizer) : PageModel, IShowRuleViolations
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public PlanForm Input { get; set; } = new();

    public IReadOnlyList<InstitutionRef> Levels { get; private set; } = [];

    public IReadOnlyList<InstitutionRef> Owners { get; private set; } = [];

    public bool ChoosesOwner => Id is null && access.ReadsAll;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            var plan = await queries.FindPlanAsync(id, cancellationToken);
            if (plan is null)
            {
                return NotFound();
            }

            if (!plan.CanManage)
            {
                return Forbid();
            }

            Input = new PlanForm
            {
                Bs = plan.Title.Bs,
                Hr = plan.Title.Hr,
                SrLatn = plan.Title.SrLatn,
                SrCyrl = plan.Title.SrCyrl,
                En = plan.Title.En,
                JurisdictionId = plan.JurisdictionId,
                PeriodStart = plan.PeriodStart,
                PeriodEnd = plan.PeriodEnd,
                Version = plan.Version,
            };
        }
        else if (!access.Has(ActionPlansPermissions.Manage))
        {
            return Forbid();
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

        var input = new PlanInput
        {
            Title = new PlanTitles(Input.Bs, Input.Hr, Input.SrLatn, Input.SrCyrl, Input.En),
            JurisdictionId = Input.JurisdictionId,
            OwnerInstitutionId = ChoosesOwner ? Input.OwnerInstitutionId : null,
            PeriodStart = Input.PeriodStart,
            PeriodEnd = Input.PeriodEnd,
            Version = Input.Version,
        };
        var outcome = Id is { } id ? await save.UpdateAsync(id, input, cancellationToken) : await save.CreateAsync(input, cancellationToken);
        switch (outcome.Status)
        {
            case EditStatus.Done:
                TempData["Saved"] = true;
                return Redirect($"/action-plans/{outcome.Key}");
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
        Levels = await queries.LevelChoicesAsync(cancellationToken);
        Owners = ChoosesOwner ? await queries.PlanOwnersAsync(cancellationToken) : [];
    }

    public sealed class PlanForm
    {
        public string? Bs { get; set; }

        public string? Hr { get; set; }

        public string? SrLatn { get; set; }

        public string? SrCyrl { get; set; }

        public string? En { get; set; }

        public Guid? JurisdictionId { get; set; }

        public Guid? OwnerInstitutionId { get; set; }

        public DateOnly? PeriodStart { get; set; }

        public DateOnly? PeriodEnd { get; set; }

        public int? Version { get; set; }
    }
}
