using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Users;

[Spona.Web.Platform.Audit.ReadsPersonalData("Account")]
public sealed class IndexModel(UserQueries queries, Platform.Web.SealedQuery sealedQuery) : PageModel
{
    /// <summary>Part of an e-mail address: posted by the form, carried sealed in the URL (<c>qs</c>), never in clear (S9).</summary>
    [BindProperty(Name = "q")]
    [StringLength(200)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "qs")]
    [StringLength(4096)]
    public string? SealedSearch { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(64)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    [RegularExpression("^(active|disabled)$")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    [RegularExpression("^-?(email|created)$")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, 100_000)]
    public int? PageNumber { get; set; }

    public PagedResult<UserView> Result { get; private set; } = new([], 1, 25, 0);

    /// <summary>The search form posts here and is sent on to a URL with the search text sealed.</summary>
    public IActionResult OnPost()
    {
        var query = new Dictionary<string, string?>
        {
            ["qs"] = ModelState.IsValid && !string.IsNullOrWhiteSpace(Search) ? sealedQuery.Seal(Search.Trim()) : null,
            ["role"] = ModelState.IsValid ? Role : null,
            ["status"] = ModelState.IsValid ? Status : null,
            ["sort"] = ModelState.IsValid ? Sort : null,
        };
        return Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/users", query.Where(q => !string.IsNullOrEmpty(q.Value))));
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Search = sealedQuery.Open(SealedSearch);
        if (!ModelState.IsValid)
        {
            Search = Role = Status = Sort = null;
            PageNumber = null;
        }

        Result = await queries.ListAsync(new UserQuery(Search, Role, null, Status, Sort, PageNumber, 50), cancellationToken);
    }
}
