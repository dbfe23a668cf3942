using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Primitives;

namespace Spona.Web.Platform.Localization;

/// <summary>
/// Puts a culture provider's answer (a query string, a cookie, an Accept-Language header) through
/// <see cref="SupportedCultures.Match"/>, so that sr-RS means Serbian and hr-BA Croatian instead of the default
/// language; tags that match no interface language are dropped and the next provider is asked.
/// </summary>
internal sealed class MatchingCultureProvider(IRequestCultureProvider inner) : IRequestCultureProvider
{
    public async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var result = await inner.DetermineProviderCultureResult(httpContext);
        if (result is null)
        {
            return null;
        }

        var cultures = Matched(result.Cultures);
        var uiCultures = Matched(result.UICultures);
        if (uiCultures.Count == 0)
        {
            return null;
        }

        return new ProviderCultureResult(cultures.Count == 0 ? uiCultures : cultures, uiCultures);
    }

    private static List<StringSegment> Matched(IList<StringSegment> tags) =>
        [.. tags.Select(tag => SupportedCultures.Match(tag.Value)).OfType<string>().Distinct(StringComparer.Ordinal).Select(name => new StringSegment(name))];
}
