using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Features.Shared;

namespace Spona.Web.Features.Users;

public sealed class IndexModel(UserAdministration admin) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    [StringLength(200)]
    public string? Search { get; set; }

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

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Search = Role = Status = Sort = null;
            PageNumber = null;
        }

        Result = await admin.ListAsync(new UserQuery(Search, Role, null, Status, Sort, PageNumber, 50), cancellationToken);
    }
}
