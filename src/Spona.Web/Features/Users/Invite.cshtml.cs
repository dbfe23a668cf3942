using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Users;

public sealed class InviteModel(InviteUser invite, AppDbContext db, IStringLocalizer<InviteModel> localizer) : PageModel
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public IReadOnlyList<(string Code, string Name)> Institutions { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Jurisdictions { get; private set; } = [];

    public string? ActivationUrl { get; private set; }

    /// <summary>The link went to the person by e-mail; the administrator does not see it.</summary>
    public bool Emailed { get; private set; }

    public RoleChoices RoleChoices => new(Input.Roles, "Input.Roles");

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var (outcome, link) = await invite.InviteAsync(Input, User, UsersModule.DeliveryFor(Request), cancellationToken);
            if (outcome.Status == EditStatus.Done)
            {
                // With e-mail on, the link goes to the person only. Without, it is shown once, here, and the
                // administrator hands it over.
                ActivationUrl = link!.Url;
                Emailed = link.Emailed;
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
