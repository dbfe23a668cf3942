using System.Collections.Frozen;
using System.Text.Json;

namespace Spona.Web.Platform.Localization;

/// <summary>
/// The interface strings: the platform's <c>Resources/strings.json</c> and each module's <c>Features/{Module}/strings.json</c>,
/// where each English string carries its Bosnian, Croatian and Serbian Latin translations. Serbian Cyrillic is transliterated from Serbian Latin.
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

    /// <summary>The platform's catalogue's resource name; a module's is named after its folder (<c>….{Module}.strings.json</c>).</summary>
    public const string PlatformResource = "Spona.Web.Resources.strings.json";

    /// <summary>
    /// The platform's strings (<c>Resources/strings.json</c>: the layout, errors, shared words) and each module's own
    /// (<c>Features/{Module}/strings.json</c>): every embedded <c>*.strings.json</c>, merged. A string is in exactly one file: the same English text in two
    /// files is refused at start, so that two modules cannot translate one string two ways.
    /// </summary>
    public static TranslationCatalog LoadEmbedded()
    {
        var assembly = typeof(TranslationCatalog).Assembly;
        var resources = assembly.GetManifestResourceNames()
            // Every embedded catalogue, wherever its folder: the platform names no module.
            .Where(n => n.EndsWith(".strings.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (!resources.Contains(PlatformResource))
        {
            throw new InvalidOperationException("The embedded resource Resources/strings.json is missing.");
        }

        var merged = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var origin = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var entries = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
                ?? throw new InvalidOperationException($"{resource} is empty.");
            foreach (var (key, translations) in entries)
            {
                if (!origin.TryAdd(key, resource))
                {
                    throw new InvalidOperationException($"The string \"{key}\" is in both {origin[key]} and {resource}: keep it in one (the platform's when several modules use it).");
                }

                merged[key] = translations;
            }
        }

        return new TranslationCatalog(merged);
    }

    public string? Find(string key, string culture) =>
        byCulture.TryGetValue(culture, out var strings) && strings.TryGetValue(key, out var value) ? value : null;

    public IEnumerable<string> Keys => Entries.Keys;
}
