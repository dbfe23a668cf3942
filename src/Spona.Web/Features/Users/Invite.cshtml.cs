using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Users;

public sealed class InviteModel(UserAdministration admin, AppDbContext db, IStringLocalizer<InviteModel> localizer) : PageModel
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public IReadOnlyList<(string Code, string Name)> Institutions { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Jurisdictions { get; private set; } = [];

    public string? ActivationUrl { get; private set; }

    public RoleChoices RoleChoices => new(Input.Roles, "Input.Roles");

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var (outcome, path) = await admin.InviteAsync(Input, User, cancellationToken);
            if (outcome.Status == EditStatus.Done)
            {
                // Shown once, here: Spona sends no e-mail. The administrator hands the link over.
                ActivationUrl = $"{Request.Scheme}://{Request.Host}{path}";
                return Page();
            }

            outcome.AddTo(ModelState, nameof(Input), localizer);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Names in the reader's language, sorted in it (reference data carries its own translations).
        var culture = SupportedCultures.Normalize(CultureInfo.CurrentUICulture);
        Institutions = [.. (await db.Institutions.AsNoTracking().Where(i => i.IsActive).ToListAsync(cancellationToken))
            .Select(i => (i.Code, Name: i.DisplayName(culture))).OrderBy(i => SearchText.Fold(i.Name), StringComparer.Ordinal)];
        Jurisdictions = [.. (await db.Jurisdictions.AsNoTracking().Where(j => j.IsActive).ToListAsync(cancellationToken))
            .OrderBy(j => j.Kind).ThenBy(j => SearchText.Fold(j.DisplayName(culture)), StringComparer.Ordinal).Select(j => (j.Code, j.DisplayName(culture)))];
    }
}
