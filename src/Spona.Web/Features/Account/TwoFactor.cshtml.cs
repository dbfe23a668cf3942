using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Account;

/// <summary>
/// Two-factor sign-in for one's own account: enrollment (QR code and the key for manual entry, confirmed with a first
/// code), then ten recovery codes shown once; later, new recovery codes. Reachable with a password-only session,
/// because that is the only way such a session can continue (S1).
/// </summary>
[Authorize(Policy = AccountPolicies.SignedIn)]
public sealed class TwoFactorModel(UserManager<SponaUser> users, SignInManager<SponaUser> signIn, IAuditTrail audit, IStringLocalizer<TwoFactorModel> localizer) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    [Required(ErrorMessage = "Enter the code.")]
    [StringLength(16)]
    [Display(Name = "Code")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Enabled { get; private set; }

    public string FormattedKey { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    public int RecoveryCodesLeft { get; private set; }

    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.Name, TotpTokenProvider.Normalize(Code)))
        {
            await users.AccessFailedAsync(user);
            ModelState.AddModelError(nameof(Code), localizer["The code is not correct or was already used. Enter the current code from your app."]);
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.RecordAsync(new AuditEvent("two-factor.enrolled", "Account", user.Id.ToString()), HttpContext.RequestAborted);
        await users.ResetAccessFailedCountAsync(user);
        NewRecoveryCodes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!];
        // Enabling changed the security stamp; the new session carries the completed second factor.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SecondFactor.Claim, SecondFactor.Mfa)]);
        Enabled = true;
        RecoveryCodesLeft = RecoveryCodeCount;
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled || !SecondFactor.IsSatisfied(User))
        {
            return Forbid();
        }

        NewRecoveryCodes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!];
        await audit.RecordAsync(new AuditEvent("two-factor.recovery-codes-renewed", "Account", user.Id.ToString()), HttpContext.RequestAborted);
        Enabled = true;
        RecoveryCodesLeft = RecoveryCodeCount;
        ModelState.Clear();
        return Page();
    }

    private async Task LoadAsync(SponaUser user)
    {
        Enabled = user.TwoFactorEnabled;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // Resetting the key changed the security stamp: keep this session.
            await signIn.RefreshSignInAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        FormattedKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/Spona:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=Spona&algorithm=SHA1&digits=6&period={TotpTokenProvider.StepSeconds}");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
