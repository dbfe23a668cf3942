using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.ReferenceData;

[Authorize(Policy = ReferenceDataPermissions.Manage)]
public sealed class InstitutionEditModel(ReferenceDataQueries queries, SaveInstitution save, IStringLocalizer<InstitutionEditModel> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public InstitutionInput Input { get; set; } = new();

    public IReadOnlyList<ReferenceDataQueries.JurisdictionView> Jurisdictions { get; private set; } = [];

    public IReadOnlyList<ReferenceDataQueries.InstitutionView> Institutions { get; private set; } = [];

    public bool IsNew => Code is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Code is not null)
        {
            var i = await queries.GetInstitutionAsync(Code, Culture, cancellationToken);
            if (i is null)
            {
                return NotFound();
            }

            Input = new InstitutionInput
            {
                Code = i.Code,
                Name = i.Name,
                NameCyrillic = i.NameCyrillic,
                NameEn = i.NameEn,
                Abbreviation = i.Abbreviation,
                Type = i.Type,
                JurisdictionCode = i.JurisdictionCode,
                ParentCode = i.ParentCode,
                Address = i.Address,
                Email = i.Email,
                Phone = i.Phone,
                Website = i.Website,
                IsActive = i.IsActive,
                Version = i.Version,
            };
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await save.SaveInstitutionAsync(Code, Input, cancellationToken);
            if (outcome.ToPageResult(this, "/reference/institutions", localizer) is { } result)
            {
                return result;
            }
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    private static string Culture => SupportedCultures.Normalize(CultureInfo.CurrentUICulture);

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Jurisdictions = [.. (await queries.AllJurisdictionsAsync(Culture, cancellationToken))
            .OrderBy(j => j.Kind).ThenBy(j => SearchText.Fold(j.DisplayName), StringComparer.Ordinal)];
        Institutions = [.. (await queries.AllInstitutionsAsync(Culture, cancellationToken))
            .Where(i => i.Code != Code).OrderBy(i => SearchText.Fold(i.DisplayName), StringComparer.Ordinal)];
    }
}
