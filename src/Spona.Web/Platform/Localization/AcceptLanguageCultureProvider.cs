using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Spona.Web.Platform.Localization;

/// <summary>
/// The browser's languages in its order of preference (quality, then position), each matched to an interface language
/// (<see cref="SupportedCultures.Match"/>). Unlike the framework's provider it reads past the first three tags and
/// ignores a language the browser marks unacceptable (<c>q=0</c>).
/// </summary>
internal sealed class AcceptLanguageCultureProvider : RequestCultureProvider
{
    private const int MaxTags = 16;

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!StringWithQualityHeaderValue.TryParseList(httpContext.Request.Headers.AcceptLanguage, out var tags))
        {
            return NullProviderCultureResult;
        }

        var match = tags.Take(MaxTags)
            .Select((tag, position) => (Name: SupportedCultures.Match(tag.Value.Value), Quality: tag.Quality ?? 1, Position: position))
            .Where(tag => tag.Name is not null && tag.Quality > 0)
            .OrderByDescending(tag => tag.Quality).ThenBy(tag => tag.Position)
            .Select(tag => tag.Name)
            .FirstOrDefault();
        return match is null ? NullProviderCultureResult : Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(match));
    }
}
