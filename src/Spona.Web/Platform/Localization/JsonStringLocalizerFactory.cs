using Microsoft.Extensions.Localization;

namespace Spona.Web.Platform.Localization;

/// <summary>One catalogue for the whole application, whatever type or base name asks.</summary>
internal sealed class JsonStringLocalizerFactory(TranslationCatalog catalog) : IStringLocalizerFactory
{
    private readonly JsonStringLocalizer localizer = new(catalog);

    public IStringLocalizer Create(Type resourceSource) => localizer;

    public IStringLocalizer Create(string baseName, string location) => localizer;
}
