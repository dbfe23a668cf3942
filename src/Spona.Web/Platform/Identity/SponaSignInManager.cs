using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Spona.Web.Platform.Identity;

/// <summary>
/// A disabled account cannot complete any sign-in step (password, TOTP code, recovery code). A locked, disabled or not yet
/// activated account costs the same password hashing as any other, so that its state cannot be read from the time the
/// answer takes (S2; ADR 0014).
/// </summary>
internal sealed class SponaSignInManager(
    UserManager<SponaUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<SponaUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<SponaUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<SponaUser> confirmation)
    : SignInManager<SponaUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(SponaUser user) => !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<SignInResult> CheckPasswordSignInAsync(SponaUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        // Identity answers these cases before it hashes anything: a locked account would answer many times faster
        // than a wrong password. Do the work a real check does, and throw the result away.
        if (user.PasswordHash is null)
        {
            UserManager.PasswordHasher.HashPassword(user, password);
        }
        else if (user.IsDisabled || await UserManager.IsLockedOutAsync(user))
        {
            UserManager.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, password);
        }

        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }
}
