using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Access;

namespace Spona.Web.Features.Access;

/// <summary>The form a record module links to when a user lacks scope: state the reason, get time-limited access.</summary>
public sealed class BreakGlassModel(BreakGlassService service, IStringLocalizer<BreakGlassModel> localizer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "type")]
    [StringLength(64)]
    public string? RecordType { get; set; }

    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid RecordId { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "State the reason in 20 to 2000 characters: why you need this record now.")]
    [StringLength(2000, MinimumLength = AccessOptions.MinimumReasonLength, ErrorMessage = "State the reason in 20 to 2000 characters: why you need this record now.")]
    [Display(Name = "Reason")]
    [DataType(DataType.MultilineText)]
    public string Reason { get; set; } = "";

    public BreakGlassView? Opened { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (grant, field, error, notFound) = await service.OpenAsync(RecordType, RecordId, Reason, cancellationToken);
        if (notFound)
        {
            return NotFound();
        }

        if (grant is null)
        {
            ModelState.AddModelError(field == "reason" ? nameof(Reason) : string.Empty, localizer[error!]);
            return Page();
        }

        Opened = grant;
        return Page();
    }
}
