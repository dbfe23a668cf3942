namespace Spona.Web.Platform.Authorization;

/// <summary>
/// The two policies that are not permissions: pages about one's own account. <see cref="SignedIn"/> is reachable with a
/// password alone (two-factor enrollment, sign-out); <see cref="SecondFactor"/> needs the completed second factor
/// (recovery codes, password change, one's own API tokens). Everything else names a permission.
/// </summary>
public static class AccountPolicies
{
    public const string SignedIn = "Account.SignedIn";
    public const string SecondFactor = "Account.SecondFactor";

    public static readonly IReadOnlyList<string> All = [SignedIn, SecondFactor];
}
