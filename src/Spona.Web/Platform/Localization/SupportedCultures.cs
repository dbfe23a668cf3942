using System.Globalization;

namespace Spona.Web.Platform.Localization;

/// <summary>The five interface languages (domain.md 3): Bosnian, Croatian, Serbian Latin and Cyrillic, English.</summary>
public static class SupportedCultures
{
    public const string English = "en";
    public const string Bosnian = "bs";
    public const string Croatian = "hr";
    public const string SerbianLatin = "sr-Latn";
    public const string SerbianCyrillic = "sr-Cyrl";

    public static readonly IReadOnlyList<string> Names = [Bosnian, Croatian, SerbianLatin, SerbianCyrillic, English];

    /// <summary>Each language named in itself, for the language switcher.</summary>
    public static readonly IReadOnlyDictionary<string, string> NativeNames = new Dictionary<string, string>
    {
        [Bosnian] = "Bosanski",
        [Croatian] = "Hrvatski",
        [SerbianLatin] = "Srpski (latinica)",
        [SerbianCyrillic] = "Српски (ћирилица)",
        [English] = "English",
    };

    /// <summary>
    /// The cultures the interface runs in. English writes dates day first with a 24-hour clock, as in Bosnia and
    /// Herzegovina (British conventions: 02/12/2026 14:30), never the US month-first order.
    /// </summary>
    public static readonly IReadOnlyList<CultureInfo> Cultures = [.. Names.Select(Create)];

    /// <summary>The interface culture of a supported name (the instance <see cref="Cultures"/> holds).</summary>
    public static CultureInfo Get(string name) => Cultures.First(c => c.Name == name);

    private static CultureInfo Create(string name)
    {
        if (name != English)
        {
            return CultureInfo.GetCultureInfo(name);
        }

        var english = new CultureInfo(English, useUserOverride: false)
        {
            DateTimeFormat = (DateTimeFormatInfo)CultureInfo.GetCultureInfo("en-GB").DateTimeFormat.Clone(),
        };
        return CultureInfo.ReadOnly(english);
    }

    public static bool IsSupported(string? name) => name is not null && Names.Contains(name, StringComparer.Ordinal);

    /// <summary>
    /// The interface language for a language tag a browser or client sends (BCP 47, any case), or null. Serbian is
    /// Latin unless the tag names the Cyrillic script: <c>sr</c>, <c>sr-RS</c>, <c>sr-BA</c>, <c>sr-Latn-*</c> →
    /// sr-Latn; <c>sr-Cyrl-*</c> → sr-Cyrl. Every region of Bosnian, Croatian and English maps to the language itself.
    /// The framework's own fallback walks parent cultures, and the parent of sr-RS is "sr", which is no interface
    /// language, so such browsers got the default language instead.
    /// </summary>
    public static string? Match(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag.Length > 35)
        {
            return null;
        }

        var parts = tag.Trim().Split('-', '_');
        var language = parts[0].ToLowerInvariant();
        var script = parts.Length > 1 && parts[1].Length == 4 ? parts[1].ToLowerInvariant() : null;
        return language switch
        {
            "sr" => script == "cyrl" ? SerbianCyrillic : SerbianLatin,
            "bs" => Bosnian,
            "hr" => Croatian,
            "en" => English,
            _ => null,
        };
    }

    /// <summary>The supported culture that <paramref name="culture"/> falls under (sr-Cyrl-BA → sr-Cyrl).</summary>
    public static string Normalize(CultureInfo culture)
    {
        for (var current = culture; !string.IsNullOrEmpty(current.Name); current = current.Parent)
        {
            if (IsSupported(current.Name))
            {
                return current.Name;
            }

            if (current.Name == "sr")
            {
                return SerbianLatin;
            }
        }

        return English;
    }
}
