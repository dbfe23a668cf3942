using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Platform.Identity;

/// <summary>Adds the user's institution, display name and language to the sign-in cookie.</summary>
internal sealed class SponaClaimsPrincipalFactory(
    UserManager<SponaUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<SponaUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    public const string InstitutionClaim = "spona:institution";
    public const string DisplayNameClaim = "spona:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(SponaUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(InstitutionClaim, user.InstitutionId.ToString()));
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (SupportedCultures.IsSupported(user.PreferredCulture))
        {
            identity.AddClaim(new Claim(LocalizationSetup.CultureClaim, user.PreferredCulture!));
        }

        return identity;
    }
}
