using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Spona.Web.Features.Users;

/// <summary>The role table, read-only: it lives in code (RolePermissions) so that a reviewer reads it in one place.</summary>
public sealed class RolesModel : PageModel
{
    public void OnGet()
    {
    }
}
