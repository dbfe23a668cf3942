using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.Strategy;

public sealed class MeasureModel(
    StrategyCatalogue catalogue, AmendmentRecorder recorder, IAuthorizationService authorization, IStringLocalizer<MeasureModel> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Number { get; set; } = "";

    [BindProperty]
    public AmendmentInput Amendment { get; set; } = new();

    public StrategyCatalogue.MeasureView? Measure { get; private set; }

    public bool CanAmend { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Measure is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAmendAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Permissions.StrategyAmend)).Succeeded)
        {
            return Forbid();
        }

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

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Measure = await catalogue.GetMeasureAsync(Number, SupportedCultures.Normalize(CultureInfo.CurrentUICulture), cancellationToken);
        CanAmend = (await authorization.AuthorizeAsync(User, Permissions.StrategyAmend)).Succeeded;
    }
}
