using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Spona.Web.Features.Account;

public sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
