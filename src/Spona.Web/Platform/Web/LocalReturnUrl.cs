namespace Spona.Web.Platform.Web;

/// <summary>
/// The one check for a return address a person or an attacker hands us (<c>returnUrl</c> on sign-in, sign-in code,
/// two-factor enrollment and the language switch). Anything that is not a plain path on this site becomes <c>/</c>:
/// never an open redirect, and never an address <c>LocalRedirect</c> would refuse with an exception (a 500).
/// </summary>
public static class LocalReturnUrl
{
    /// <summary>Longer addresses are not ours; they only make cookies, headers and logs heavy.</summary>
    public const int MaxLength = 2048;

    public static string OrRoot(string? url) => IsSafe(url) ? url! : "/";

    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url[0] != '/')
        {
            return false;
        }

        // "//host" and "/\host" are protocol-relative to a browser; "/\t/host" becomes "//host" once a browser drops
        // the tab. So no control character, whitespace or backslash anywhere, and no percent-encoded one either.
        foreach (var c in url)
        {
            if (c <= ' ' || c == '\\' || c == '\u007f' || char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) || c is '\u200b' or '\u200c' or '\u200d' or '\u2060' or '\ufeff')
            {
                return false;
            }
        }

        if (url.Length > 1 && url[1] == '/')
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(url);
        }
        catch (UriFormatException)
        {
            return false;
        }

        if (!string.Equals(decoded, url, StringComparison.Ordinal)
            && (decoded.Length > 1 && (decoded[1] == '/' || decoded[1] == '\\') || decoded.Any(c => char.IsControl(c) || c == '\\')))
        {
            return false;
        }

        return Uri.TryCreate(url, UriKind.Relative, out _);
    }
}
