using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.Web.RateLimits.SignIn)]
public sealed class SignInModel(SignInManager<SponaUser> signIn, UserManager<SponaUser> users, IAuditTrail audit, IStringLocalizer<SignInModel> localizer) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        // One message for unknown accounts, wrong passwords, disabled and locked accounts: no account enumeration (S2).
        if (user is null || user.IsDisabled)
        {
            // Hash anyway so that an unknown account takes as long as a known one.
            users.PasswordHasher.HashPassword(new SponaUser { DisplayName = "" }, Input.Password);
            // The typed address is not recorded: it may be a mistyped personal address of someone else.
            await audit.RecordAsync(new AuditEvent(AuditActions.SignInFailed, "Account", user?.Id.ToString() ?? "unknown", AuditOutcome.Failed, Reason: user is null ? "unknown account" : "account disabled")
            { ActorUserId = user?.Id, ActorLabel = user?.Email ?? "anonymous", InstitutionId = user?.InstitutionId }, HttpContext.RequestAborted);
            ModelState.AddModelError(string.Empty, localizer["The e-mail address or password is not correct."]);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        var returnUrl = Platform.Web.LocalReturnUrl.OrRoot(ReturnUrl);
        if (result.RequiresTwoFactor)
        {
            // The password was right; no session yet until the authenticator code is (S1).
            return RedirectToPage("/Account/SignInCode", new { ReturnUrl = returnUrl });
        }

        if (!result.Succeeded)
        {
            await audit.RecordAsync(new AuditEvent(AuditActions.SignInFailed, "Account", user.Id.ToString(), AuditOutcome.Failed, Reason: result.IsLockedOut ? "locked out" : "wrong password").By(user), HttpContext.RequestAborted);
            ModelState.AddModelError(string.Empty, localizer["The e-mail address or password is not correct."]);
            return Page();
        }

        // No authenticator enrolled yet: this password-only session reaches enrollment and nothing else.
        await audit.RecordAsync(new AuditEvent(AuditActions.SignInSucceeded, "Account", user.Id.ToString(), Reason: "password only; two-factor enrollment required").By(user), HttpContext.RequestAborted);
        return RedirectToPage("/Account/TwoFactor", new { ReturnUrl = returnUrl });
    }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(254)]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(256)]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";
    }
}
