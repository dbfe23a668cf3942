using System.Globalization;
using System.Text;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Platform.Protection;

/// <summary>
/// The named normalisers a blind index can use (ADR 0019). The name is part of the HMAC input, so the same value under
/// two normalisers gives two unrelated indexes.
/// <list type="bullet">
/// <item><c>exact</c>: trimmed, inner white space collapsed, NFKC, case folded (<see cref="FieldProtector.Normalise"/>); "Šarić" ≠ "Saric".</item>
/// <item><c>folded</c>: Serbian Cyrillic to Latin, đ → dj, diacritics removed, then as <c>exact</c>: "Šarić", "Saric" and "Шарић" are one.</item>
/// <item><c>folded-words</c>: <c>folded</c>, one index per word (at most <see cref="MaxWords"/>), stored as a space-separated
/// list, so that a search for one word of a name (a surname) finds it.</item>
/// </list>
/// </summary>
public static class BlindIndexNormalisers
{
    public const string Exact = "exact";
    public const string Folded = "folded";
    public const string FoldedWords = "folded-words";

    /// <summary>The words of a value a <c>folded-words</c> index keeps; the rest are not searchable.</summary>
    public const int MaxWords = 8;

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Exact, Folded, FoldedWords };

    /// <summary>The stored length of an index column with <paramref name="normaliser"/>.</summary>
    public static int ColumnLength(string normaliser) => normaliser == FoldedWords ? (MaxWords * 33) + 1 : 32;

    public static string Normalise(string normaliser, string value) => normaliser switch
    {
        Exact => FieldProtector.Normalise(value),
        Folded or FoldedWords => Fold(value),
        _ => throw new ArgumentException($"Unknown blind-index normaliser '{normaliser}'; use one of: {string.Join(", ", All)}.", nameof(normaliser)),
    };

    /// <summary>Cyrillic to Latin, đ → dj, diacritics removed, then trimmed, spaces collapsed and case folded.</summary>
    public static string Fold(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var latin = SerbianTransliteration.ToLatin(value.Normalize(NormalizationForm.FormC))
            .Replace("Đ", "Dj", StringComparison.Ordinal)
            .Replace("đ", "dj", StringComparison.Ordinal);
        var decomposed = latin.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(c);
            }
        }

        return FieldProtector.Normalise(kept.ToString());
    }

    /// <summary>The words of a normalised value that a <c>folded-words</c> index keeps.</summary>
    public static IReadOnlyList<string> Words(string normalised) =>
        [.. normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Take(MaxWords)];
}
