using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Account;

/// <summary>Creating the first administrator with the one-time link printed at start.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.Web.RateLimits.SignIn)]
public sealed class SetupModel(FirstAdministratorSetup setup, IStringLocalizer<SetupModel> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public bool LinkValid { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        LinkValid = await setup.IsTokenValidAsync(Token, cancellationToken);
        if (!LinkValid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        LinkValid = await setup.IsTokenValidAsync(Token, cancellationToken);
        if (!LinkValid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await setup.CompleteAsync(Token, new NewAdministrator(Input.Email.Trim(), Input.Password, Input.DisplayName.Trim()), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, localizer[IdentityMessages.For(error)]);
            }

            return Page();
        }

        return RedirectToPage("/Account/SignIn", new { created = true });
    }

    public sealed class SetupInput
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(200, ErrorMessage = "The name can have at most {1} characters.")]
        [Display(Name = "Your name")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(254)]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter a password.")]
        [StringLength(256, MinimumLength = 12, ErrorMessage = "The password must have at least {2} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Repeat the password.")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
        [DataType(DataType.Password)]
        [Display(Name = "Repeat the password")]
        public string ConfirmPassword { get; set; } = "";
    }
}
