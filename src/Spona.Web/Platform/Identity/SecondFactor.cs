using System.Security.Claims;

namespace Spona.Web.Platform.Identity;

/// <summary>
/// How a session proved its second factor (S1). Identity adds <c>amr=mfa</c> when a TOTP or recovery code completed
/// the sign-in; an API token adds <c>amr=token</c> (a long random secret issued to a user who had signed in with two
/// factors, or by an operator). A password alone only reaches two-factor enrollment and sign-out.
/// </summary>
public static class SecondFactor
{
    public const string Claim = "amr";
    public const string Mfa = "mfa";
    public const string Token = "token";

    public static bool IsSatisfied(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (user.HasClaim(Claim, Mfa) || user.HasClaim(Claim, Token));
}
