using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Account;

/// <summary>One's own API tokens: make one (shown once), see them, revoke one.</summary>
[Authorize(Policy = Permissions.ApiTokensUse)]
public sealed class TokensModel(UserManager<SponaUser> users, ApiTokenService tokens, TimeProvider clock, IStringLocalizer<TokensModel> localizer) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Give the token a name.")]
    [StringLength(100, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [BindProperty]
    [Range(1, ApiToken.MaxLifetimeDays, ErrorMessage = "A token expires after 1 to 365 days.")]
    [Display(Name = "Valid for (days)")]
    public int ExpiresInDays { get; set; } = 90;

    [BindProperty]
    public List<string> Chosen { get; set; } = [];

    public IReadOnlyList<string> Grantable { get; private set; } = [];

    public IReadOnlyList<ApiToken> Existing { get; private set; } = [];

    public string? NewToken { get; private set; }

    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Challenge();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid)
        {
            var (token, secret, field, error) = await tokens.CreateAsync(user, Name, ExpiresInDays, Chosen, "user", cancellationToken);
            if (token is not null)
            {
                NewToken = secret;
                ModelState.Clear();
                Name = "";
                Chosen = [];
            }
            else
            {
                ModelState.AddModelError(field == "name" ? nameof(Name) : field == "expiresInDays" ? nameof(ExpiresInDays) : nameof(Chosen), localizer[error!]);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        return await tokens.RevokeAsync(user.Id, id, cancellationToken) ? RedirectToPage() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return false;
        }

        Grantable = await tokens.GrantableAsync(user);
        Existing = await tokens.ListAsync(user.Id, cancellationToken);
        Now = clock.GetUtcNow().UtcDateTime;
        return true;
    }
}
