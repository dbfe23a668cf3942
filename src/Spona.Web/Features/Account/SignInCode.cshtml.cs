using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Account;

/// <summary>
/// The second step of sign-in: a code from the authenticator app, or one of the recovery codes. Wrong codes count
/// towards the same lockout as wrong passwords; the page is rate limited like the password step.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.Web.RateLimits.SignIn)]
public sealed class SignInCodeModel(SignInManager<SponaUser> signIn, IAuditTrail audit, IStringLocalizer<SignInCodeModel> localizer) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the code.")]
    [StringLength(32)]
    [Display(Name = "Code")]
    public string Code { get; set; } = "";

    [BindProperty]
    public bool UseRecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(bool recovery = false)
    {
        UseRecoveryCode = recovery;
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Expired() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return Expired();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = UseRecoveryCode ? Code.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant() : TotpTokenProvider.Normalize(Code);
        var result = UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        await audit.RecordAsync(new AuditEvent(
            result.Succeeded ? AuditActions.SignInSucceeded : AuditActions.SignInFailed, "Account", user.Id.ToString(),
            result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failed,
            Reason: (UseRecoveryCode ? "recovery code" : "authenticator code") + (result.IsLockedOut ? "; locked out" : "")).By(user), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            return LocalRedirect(Platform.Web.LocalReturnUrl.OrRoot(ReturnUrl));
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? localizer["Too many wrong attempts. Wait 15 minutes, then sign in again."]
            : localizer["The code is not correct or was already used. Enter the current code from your app."]);
        return Page();
    }

    private RedirectToPageResult Expired() => RedirectToPage("/Account/SignIn", new { expired = true, ReturnUrl = Platform.Web.LocalReturnUrl.OrRoot(ReturnUrl) });
}
