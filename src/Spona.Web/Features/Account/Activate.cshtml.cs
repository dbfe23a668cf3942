using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Account;

/// <summary>
/// The link an administrator hands over: the person sets their password (checked against the common-password list).
/// The token is Identity's password-reset token, bound to the security stamp, so it works once and dies with any
/// later change to the account. A wrong or used link says so, without telling whether the account exists.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.Web.RateLimits.SignIn)]
public sealed class ActivateModel(UserManager<SponaUser> users, IAuditTrail audit, IStringLocalizer<ActivateModel> localizer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(2000)]
    public string Token { get; set; } = "";

    [BindProperty]
    public ActivateInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = UserId == Guid.Empty ? null : await users.FindByIdAsync(UserId.ToString());
        if (user is null || user.IsDisabled)
        {
            ModelState.AddModelError(string.Empty, localizer["This link is not valid any more. Ask your administrator for a new one."]);
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, Token, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty, localizer[IdentityMessages.For(error)]);
            }

            return Page();
        }

        // The link is also the way back in after a lockout: a new password ends it.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(new AuditEvent("password.set-by-link", "Account", user.Id.ToString()).By(user), HttpContext.RequestAborted);
        return RedirectToPage("/Account/SignIn", new { activated = true });
    }

    public sealed class ActivateInput
    {
        [Required(ErrorMessage = "Enter a password.")]
        [StringLength(256, MinimumLength = 12, ErrorMessage = "The password must have at least 12 characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = "";

        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
        [DataType(DataType.Password)]
        [Display(Name = "Repeat the password")]
        public string ConfirmPassword { get; set; } = "";
    }
}
