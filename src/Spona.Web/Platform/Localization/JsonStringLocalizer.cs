using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Spona.Web.Platform.Localization;

/// <summary>Looks strings up in the <see cref="TranslationCatalog"/> for the current UI culture; English if missing.</summary>
internal sealed class JsonStringLocalizer(TranslationCatalog catalog) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var value = catalog.Find(name, SupportedCultures.Normalize(CultureInfo.CurrentUICulture));
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var template = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, template.Value, arguments), template.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        catalog.Keys.Select(key => this[key]);
}
