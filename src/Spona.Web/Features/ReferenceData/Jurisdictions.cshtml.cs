using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.ReferenceData;

public sealed class JurisdictionsModel(ReferenceDataQueries queries, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    [StringLength(200)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public JurisdictionKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    [RegularExpression("^-?(name|code)$")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, 100_000)]
    public int? PageNumber { get; set; }

    public PagedResult<ReferenceDataQueries.JurisdictionView> Result { get; private set; } = new([], 1, 25, 0);

    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Search = null;
            Sort = null;
            PageNumber = null;
        }

        Result = await queries.ListJurisdictionsAsync(SupportedCultures.Normalize(CultureInfo.CurrentUICulture), Search, Kind, Sort, PageNumber, 50, cancellationToken);
        CanManage = (await authorization.AuthorizeAsync(User, ReferenceDataPermissions.Manage)).Succeeded;
    }
}
