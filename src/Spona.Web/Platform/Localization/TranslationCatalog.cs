using System.Collections.Frozen;
using System.Text.Json;

namespace Spona.Web.Platform.Localization;

/// <summary>
/// The interface strings: one source of truth, <c>Resources/strings.json</c>, where each English string carries its
/// Bosnian, Croatian and Serbian Latin translations. Serbian Cyrillic is transliterated from Serbian Latin.
/// </summary>
public sealed class TranslationCatalog
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> byCulture;

    public TranslationCatalog(IReadOnlyDictionary<string, Dictionary<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        var cultures = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var culture in SupportedCultures.Names)
        {
            cultures[culture] = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        foreach (var (key, translations) in entries)
        {
            cultures[SupportedCultures.English][key] = key;
            foreach (var (culture, text) in translations)
            {
                if (cultures.TryGetValue(culture, out var target) && !string.IsNullOrWhiteSpace(text))
                {
                    target[key] = text;
                }
            }

            if (translations.TryGetValue(SupportedCultures.SerbianLatin, out var latin) && !translations.ContainsKey(SupportedCultures.SerbianCyrillic))
            {
                cultures[SupportedCultures.SerbianCyrillic][key] = SerbianTransliteration.ToCyrillic(latin);
            }
        }

        byCulture = cultures.ToFrozenDictionary(c => c.Key, c => c.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, Dictionary<string, string>> Entries { get; }

    public static TranslationCatalog LoadEmbedded()
    {
        using var stream = typeof(TranslationCatalog).Assembly.GetManifestResourceStream("Spona.Web.Resources.strings.json")
            ?? throw new InvalidOperationException("The embedded resource Resources/strings.json is missing.");
        var entries = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
            ?? throw new InvalidOperationException("Resources/strings.json is empty.");
        return new TranslationCatalog(entries);
    }

    public string? Find(string key, string culture) =>
        byCulture.TryGetValue(culture, out var strings) && strings.TryGetValue(key, out var value) ? value : null;

    public IEnumerable<string> Keys => Entries.Keys;
}
