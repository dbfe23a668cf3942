using System.Text;

namespace Spona.Web.Platform.Localization;

/// <summary>
/// Serbian Latin to Cyrillic (Vuk's alphabet is one-to-one, but lj, nj and dž are one letter each). Placeholders such
/// as <c>{0}</c> and all-capital Latin abbreviations (API, ISO, HTCDS) are kept as they are.
/// </summary>
public static class SerbianTransliteration
{
    private static readonly Dictionary<string, string> Digraphs = new(StringComparer.Ordinal)
    {
        ["Lj"] = "Љ",
        ["LJ"] = "Љ",
        ["lj"] = "љ",
        ["Nj"] = "Њ",
        ["NJ"] = "Њ",
        ["nj"] = "њ",
        ["Dž"] = "Џ",
        ["DŽ"] = "Џ",
        ["dž"] = "џ",
    };

    private const string LatinLetters = "ABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠabvgdđežzijklmnoprstćufhcčš";
    private const string CyrillicLetters = "АБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШабвгдђежзијклмнопрстћуфхцчш";

    private static readonly Dictionary<char, char> Letters = LatinLetters.Zip(CyrillicLetters).ToDictionary(p => p.First, p => p.Second);

    private static readonly Dictionary<char, string> ToLatinLetters = CyrillicLetters.Zip(LatinLetters)
        .Select(p => (Letter: p.First, Latin: p.Second.ToString()))
        .Concat([('Љ', "Lj"), ('љ', "lj"), ('Њ', "Nj"), ('њ', "nj"), ('Џ', "Dž"), ('џ', "dž")])
        .ToDictionary(p => p.Item1, p => p.Item2);

    /// <summary>Serbian Cyrillic to Latin, letter by letter (Љ → Lj, Њ → Nj, Џ → Dž); every other character is kept.</summary>
    public static string ToLatin(string cyrillic)
    {
        ArgumentNullException.ThrowIfNull(cyrillic);
        var result = new StringBuilder(cyrillic.Length);
        foreach (var c in cyrillic)
        {
            if (ToLatinLetters.TryGetValue(c, out var latin))
            {
                result.Append(latin);
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    public static string ToCyrillic(string latin)
    {
        ArgumentNullException.ThrowIfNull(latin);
        var result = new StringBuilder(latin.Length);
        var i = 0;
        while (i < latin.Length)
        {
            var c = latin[i];
            if (c == '{')
            {
                var end = latin.IndexOf('}', i);
                end = end < 0 ? latin.Length - 1 : end;
                result.Append(latin, i, end - i + 1);
                i = end + 1;
                continue;
            }

            if (char.IsLetter(c))
            {
                var wordEnd = i;
                while (wordEnd < latin.Length && (char.IsLetterOrDigit(latin[wordEnd]) || latin[wordEnd] == '-'))
                {
                    wordEnd++;
                }

                var word = latin[i..wordEnd];
                result.Append(IsAbbreviation(word) ? word : WordToCyrillic(word));
                i = wordEnd;
                continue;
            }

            result.Append(c);
            i++;
        }

        return result.ToString();
    }

    private static bool IsAbbreviation(string word) =>
        word.Length >= 2 && word.All(ch => !char.IsLetter(ch) || (ch is >= 'A' and <= 'Z')) && word.Any(ch => ch is >= 'A' and <= 'Z')
        || word.Any(ch => ch is 'q' or 'w' or 'x' or 'y' or 'Q' or 'W' or 'X' or 'Y');

    private static string WordToCyrillic(string word)
    {
        var result = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            if (i + 1 < word.Length && Digraphs.TryGetValue(word.Substring(i, 2), out var digraph))
            {
                result.Append(digraph);
                i++;
            }
            else
            {
                result.Append(Letters.TryGetValue(word[i], out var letter) ? letter : word[i]);
            }
        }

        return result.ToString();
    }
}
