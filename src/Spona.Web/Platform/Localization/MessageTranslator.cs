using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Spona.Web.Platform.Localization;

/// <summary>
/// Translates an English text that was put together before the request's language was known: an API error's title,
/// detail or field message written in English by an endpoint, or formatted by the framework's validation. The text is
/// either a catalogue key itself or a key with its placeholders filled in ("The field Institution must be a string
/// with a maximum length of 64."): the filled-in values are recovered and put into the translation. In the
/// framework's validation messages (<see cref="ValidationMessages.AllKeys"/>) the first value is the field's display
/// name, which is translated too; any other value is shown as it came (it may be what a client sent). A text no key
/// explains is left as it is.
/// </summary>
public sealed partial class MessageTranslator
{
    // Longer texts are not messages; matching them would only cost time.
    private const int MaxLength = 2000;

    private readonly TranslationCatalog catalog;
    private readonly List<Template> templates;

    public MessageTranslator(TranslationCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        this.catalog = catalog;
        var fieldTemplates = ValidationMessages.AllKeys.ToHashSet(StringComparer.Ordinal);
        templates = [.. catalog.Keys.Select(key => Template.From(key, fieldTemplates.Contains(key))).OfType<Template>()
            .OrderByDescending(t => t.LiteralLength).ThenBy(t => t.Key, StringComparer.Ordinal)];
    }

    public string? Translate(string? text, string culture)
    {
        if (string.IsNullOrEmpty(text) || culture == SupportedCultures.English)
        {
            return text;
        }

        if (catalog.Find(text, culture) is { } exact)
        {
            return exact;
        }

        if (text.Length > MaxLength)
        {
            return text;
        }

        foreach (var template in templates)
        {
            var match = template.Pattern.Match(text);
            if (match.Success && catalog.Find(template.Key, culture) is { } translated)
            {
                var arguments = new object[template.Placeholders + 1];
                for (var i = 0; i < arguments.Length; i++)
                {
                    var value = match.Groups[$"p{i}"] is { Success: true } group ? group.Value : "";
                    arguments[i] = i == 0 && template.NamesField ? catalog.Find(value, culture) ?? value : value;
                }

                return string.Format(CultureInfo.InvariantCulture, translated, arguments);
            }
        }

        return text;
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    private sealed record Template(string Key, Regex Pattern, int Placeholders, int LiteralLength, bool NamesField)
    {
        public static Template? From(string key, bool namesField)
        {
            var placeholders = Placeholder().Matches(key);
            var literal = Placeholder().Replace(key, "");
            // Keys with other braces (format specifiers) or with too little text of their own could match anything.
            if (placeholders.Count == 0 || literal.Contains('{', StringComparison.Ordinal) || literal.Contains('}', StringComparison.Ordinal) || literal.Length < 8)
            {
                return null;
            }

            var pattern = new StringBuilder("^");
            var seen = new HashSet<int>();
            var position = 0;
            foreach (Match placeholder in placeholders)
            {
                pattern.Append(Regex.Escape(key[position..placeholder.Index]));
                var index = int.Parse(placeholder.Groups[1].Value, CultureInfo.InvariantCulture);
                pattern.Append(seen.Add(index) ? $"(?<p{index}>.+?)" : ".+?");
                position = placeholder.Index + placeholder.Length;
            }

            pattern.Append(Regex.Escape(key[position..])).Append('$');
            // Linear time whatever the text: the filled-in values may come from a request.
            var regex = new Regex(pattern.ToString(), RegexOptions.NonBacktracking | RegexOptions.Singleline | RegexOptions.CultureInvariant);
            return new Template(key, regex, seen.Max(), literal.Length, namesField);
        }
    }
}
