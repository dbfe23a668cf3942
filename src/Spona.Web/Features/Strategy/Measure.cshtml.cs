using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.Strategy;

public sealed class MeasureModel(
    StrategyCatalogue catalogue, AmendmentRecorder recorder, AmendmentAdoption amendmentAdoption, IAuthorizationService authorization, IStringLocalizer<MeasureModel> localizer) : PageModel, IShowRuleViolations
{
    [BindProperty(SupportsGet = true)]
    public string Number { get; set; } = "";

    // Two forms post to this page; each handler binds only its own form (an explicit prefix, no fallback), so the
    // other form's required fields never invalidate the request.
    public AmendmentInput Amendment { get; set; } = new();

    public AdoptionInput Adoption { get; set; } = new();

    public StrategyCatalogue.MeasureView? Measure { get; private set; }

    public bool CanAmend { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Measure is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAmendAsync([Bind(Prefix = nameof(Amendment))] AmendmentInput amendment, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, StrategyPermissions.Amend)).Succeeded)
        {
            return Forbid();
        }

        Amendment = amendment;

        if (ModelState.IsValid)
        {
            // A broken rule (a proposal dated in the future) is shown on the form by the rule filter.
            var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
            if (await recorder.RecordAsync(Number, Amendment, userId, cancellationToken) is null)
            {
                return NotFound();
            }

            TempData["Saved"] = true;
            return RedirectToPage(new { Number });
        }

        return await ShowAgainAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAdoptAsync(Guid amendmentId, [Bind(Prefix = nameof(Adoption))] AdoptionInput adoption, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, StrategyPermissions.Amend)).Succeeded)
        {
            return Forbid();
        }

        Adoption = adoption;
        // Set first: errors, including a broken rule shown by the rule filter, appear next to this amendment.
        AdoptingId = amendmentId;

        if (ModelState.IsValid)
        {
            // The amendment must be one of this page's measure: checked before anything is written.
            var outcome = await amendmentAdoption.AdoptAsync(amendmentId, Number, Adoption, cancellationToken);
            if (outcome.Status == EditStatus.NotFound)
            {
                return NotFound();
            }

            if (outcome.Status == EditStatus.Done)
            {
                TempData["Adopted"] = true;
                return RedirectToPage(new { Number });
            }

            outcome.AddTo(ModelState, nameof(Adoption), localizer);
        }

        return await ShowAgainAsync(cancellationToken);
    }

    public async Task<IActionResult> ShowAgainAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Measure is null ? NotFound() : Page();
    }

    /// <summary>The amendment whose adoption form failed validation, so its errors show next to it.</summary>
    public Guid? AdoptingId { get; private set; }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Measure = await catalogue.GetMeasureAsync(Number, SupportedCultures.Normalize(CultureInfo.CurrentUICulture), cancellationToken);
        CanAmend = (await authorization.AuthorizeAsync(User, StrategyPermissions.Amend)).Succeeded;
    }
}
