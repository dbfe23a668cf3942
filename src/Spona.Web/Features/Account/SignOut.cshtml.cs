using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Account;

[Microsoft.AspNetCore.Authorization.Authorize(Policy = Platform.Authorization.AccountPolicies.SignedIn)]
public sealed class SignOutModel(SignInManager<SponaUser> signIn, UserManager<SponaUser> users, IAuditTrail audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        // A new security stamp ends every session of the account at once, on every device (S3).
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(new AuditEvent(AuditActions.SignOut, "Account", user.Id.ToString()), HttpContext.RequestAborted);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn", new { signedOut = true });
    }
}
