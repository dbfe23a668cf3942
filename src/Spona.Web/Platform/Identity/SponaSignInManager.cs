using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Spona.Web.Platform.Identity;

/// <summary>A disabled account cannot complete any sign-in step (password, TOTP code, recovery code).</summary>
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
}
