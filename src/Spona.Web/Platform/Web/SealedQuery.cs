using Microsoft.AspNetCore.DataProtection;

namespace Spona.Web.Platform.Web;

/// <summary>
/// Search text that may be personal (an e-mail address, part of one, a name) never travels in a URL in clear (S9):
/// proxies, browser history and access logs keep URLs. A search form posts the text; the page redirects to a URL that
/// carries it sealed (authenticated encryption under the data-protection keys, valid for eight hours), so paging,
/// sorting and the back button keep working without the text appearing in any address.
/// </summary>
public sealed class SealedQuery(IDataProtectionProvider provider)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly ITimeLimitedDataProtector protector = provider.CreateProtector("Spona.SealedQuery.v1").ToTimeLimitedDataProtector();

    public string Seal(string value) => protector.Protect(value, Lifetime);

    /// <summary>The sealed text, or null when it is missing, forged, from another installation or expired.</summary>
    public string? Open(string? sealedValue)
    {
        if (string.IsNullOrEmpty(sealedValue) || sealedValue.Length > 4096)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(sealedValue);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
