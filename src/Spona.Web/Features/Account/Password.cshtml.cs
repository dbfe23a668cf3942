using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Account;

/// <summary>Changing one's password ends every session of the account, this one included (S3).</summary>
[Authorize(Policy = AccountPolicies.SecondFactor)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.Web.RateLimits.SignIn)]
public sealed class PasswordModel(UserManager<SponaUser> users, SignInManager<SponaUser> signIn, IAuditTrail audit, IStringLocalizer<PasswordModel> localizer) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword";
                ModelState.AddModelError(field, localizer[IdentityMessages.For(error)]);
            }

            return Page();
        }

        await audit.RecordAsync(new AuditEvent("password.changed", "Account", user.Id.ToString()), HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn", new { ended = true });
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(256)]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a password.")]
        [StringLength(256, MinimumLength = 12, ErrorMessage = "The password must have at least 12 characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
        [DataType(DataType.Password)]
        [Display(Name = "Repeat the password")]
        public string ConfirmPassword { get; set; } = "";
    }
}
