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
    StrategyCatalogue catalogue, AmendmentRecorder recorder, AmendmentAdoption amendmentAdoption, IAuthorizationService authorization, IStringLocalizer<MeasureModel> localizer) : PageModel
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
            try
            {
                var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
                if (await recorder.RecordAsync(Number, Amendment, userId, cancellationToken) is null)
                {
                    return NotFound();
                }

                TempData["Saved"] = true;
                return RedirectToPage(new { Number });
            }
            catch (DomainRuleViolation violation)
            {
                ModelState.AddModelError(string.Empty, localizer[violation.Message]);
            }
        }

        await LoadAsync(cancellationToken);
        return Measure is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAdoptAsync(Guid amendmentId, [Bind(Prefix = nameof(Adoption))] AdoptionInput adoption, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, StrategyPermissions.Amend)).Succeeded)
        {
            return Forbid();
        }

        Adoption = adoption;

        if (ModelState.IsValid)
        {
            try
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
            catch (DomainRuleViolation violation)
            {
                ModelState.AddModelError(string.Empty, localizer[violation.Message]);
            }
        }

        AdoptingId = amendmentId;
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
