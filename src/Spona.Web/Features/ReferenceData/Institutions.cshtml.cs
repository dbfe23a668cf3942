using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.ReferenceData;

public sealed class InstitutionsModel(ReferenceDataQueries queries, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    [StringLength(200)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public InstitutionType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(64)]
    public string? Jurisdiction { get; set; }

    [BindProperty(SupportsGet = true)]
    [RegularExpression("^-?(name|code)$")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, 100_000)]
    public int? PageNumber { get; set; }

    public PagedResult<ReferenceDataQueries.InstitutionView> Result { get; private set; } = new([], 1, 25, 0);

    public IReadOnlyList<ReferenceDataQueries.JurisdictionView> Jurisdictions { get; private set; } = [];

    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Search = null;
            Sort = null;
            PageNumber = null;
            Jurisdiction = null;
        }

        var culture = SupportedCultures.Normalize(CultureInfo.CurrentUICulture);
        Result = await queries.ListInstitutionsAsync(culture, Search, Type, Jurisdiction, Sort, PageNumber, 50, cancellationToken);
        Jurisdictions = [.. (await queries.AllJurisdictionsAsync(culture, cancellationToken))
            .OrderBy(j => j.Kind).ThenBy(j => SearchText.Fold(j.DisplayName), StringComparer.Ordinal)];
        CanManage = (await authorization.AuthorizeAsync(User, ReferenceDataPermissions.Manage)).Succeeded;
    }
}
