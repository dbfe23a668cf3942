using System.Globalization;
using System.Text;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.Shared;

/// <summary>
/// Matching that people in BiH expect: case- and diacritic-insensitive, "dj" for "đ", and Cyrillic equal to Latin.
/// </summary>
public static class SearchText
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var latin = ToLatin(text).ToLowerInvariant().Replace("đ", "dj", StringComparison.Ordinal);
        var decomposed = latin.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static bool Contains(string haystack, string needle) => Fold(haystack).Contains(Fold(needle), StringComparison.Ordinal);

    private static string ToLatin(string text)
    {
        if (!text.Any(c => c is >= '\u0400' and <= '\u04FF'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(CyrillicToLatin.TryGetValue(c, out var latin) ? latin : c.ToString());
        }

        return builder.ToString();
    }

    private static readonly Dictionary<char, string> CyrillicToLatin = BuildReverse();

    private static Dictionary<char, string> BuildReverse()
    {
        const string latin = "a b v g d đ e ž z i j k l lj m n nj o p r s t ć u f h c č dž š";
        var map = new Dictionary<char, string>();
        foreach (var letter in latin.Split(' '))
        {
            var lower = SerbianTransliteration.ToCyrillic(letter)[0];
            map[lower] = letter;
            map[char.ToUpperInvariant(lower)] = letter;
        }

        return map;
    }
}
