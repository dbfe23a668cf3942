using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Organisations;

namespace Spona.Web.Features.ReferenceData;

[Authorize(Policy = ReferenceDataPermissions.Manage)]
public sealed class JurisdictionEditModel(ReferenceDataQueries queries, SaveJurisdiction save, IStringLocalizer<JurisdictionEditModel> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public JurisdictionInput Input { get; set; } = new();

    public IReadOnlyList<ReferenceDataQueries.JurisdictionView> Parents { get; private set; } = [];

    public bool IsNew => Code is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Code is not null)
        {
            var existing = await queries.GetJurisdictionAsync(Code, Culture, cancellationToken);
            if (existing is null)
            {
                return NotFound();
            }

            Input = new JurisdictionInput
            {
                Code = existing.Code,
                Kind = existing.Kind,
                Name = existing.Name,
                NameCyrillic = existing.NameCyrillic,
                NameEn = existing.NameEn,
                ParentCode = existing.ParentCode,
                IsActive = existing.IsActive,
                Version = existing.Version,
            };
        }

        await LoadParentsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await save.SaveJurisdictionAsync(Code, Input, cancellationToken);
            if (outcome.ToPageResult(this, "/reference/jurisdictions", localizer) is { } result)
            {
                return result;
            }
        }

        await LoadParentsAsync(cancellationToken);
        return Page();
    }

    private static string Culture => SupportedCultures.Normalize(CultureInfo.CurrentUICulture);

    private async Task LoadParentsAsync(CancellationToken cancellationToken) =>
        Parents = [.. (await queries.AllJurisdictionsAsync(Culture, cancellationToken))
            .Where(j => j.Kind is JurisdictionKind.State or JurisdictionKind.Entity or JurisdictionKind.District or JurisdictionKind.Canton)
            .OrderBy(j => j.Kind).ThenBy(j => SearchText.Fold(j.DisplayName), StringComparer.Ordinal)];
}
