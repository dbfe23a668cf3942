using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.ReferenceData;

public sealed class CodeItemsModel(ReferenceDataQueries queries, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "q")]
    [StringLength(200)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Inactive { get; set; }

    [BindProperty(SupportsGet = true)]
    [RegularExpression("^-?(name|code)$")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, 100_000)]
    public int? PageNumber { get; set; }

    public ReferenceDataQueries.CodeListView? List { get; private set; }

    public PagedResult<ReferenceDataQueries.CodeItemView> Result { get; private set; } = new([], 1, 25, 0);

    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Search = null;
            Sort = null;
            PageNumber = null;
        }

        var culture = SupportedCultures.Normalize(CultureInfo.CurrentUICulture);
        List = (await queries.ListCodeListsAsync(culture, cancellationToken)).FirstOrDefault(l => l.Key == Key);
        var result = List is null ? null : await queries.ListCodeItemsAsync(Key, culture, Search, Inactive, Sort, PageNumber, 50, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        Result = result;
        CanManage = (await authorization.AuthorizeAsync(User, ReferenceDataPermissions.Manage)).Succeeded;
        return Page();
    }
}
