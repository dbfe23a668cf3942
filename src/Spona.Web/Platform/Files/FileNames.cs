using System.Globalization;
using System.Text;

namespace Spona.Web.Platform.Files;

/// <summary>
/// Makes a client's file name safe to keep and to send back in <c>Content-Disposition</c>: no folder parts (a name
/// like <c>../../etc/passwd</c> or <c>C:\x\y.pdf</c> keeps only its last part), no control, format (bidirectional
/// overrides, zero-width) or surrogate-broken characters, no characters Windows refuses, at most
/// <see cref="StoredFile.FileNameLength"/> characters with the extension kept.
/// </summary>
public static class FileNames
{
    public static string Sanitise(string? name, string fallbackExtension)
    {
        var text = (name ?? "").Normalize(NormalizationForm.FormC);
        var last = Math.Max(text.LastIndexOf('/'), text.LastIndexOf('\\'));
        text = text[(last + 1)..];
        var clean = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || (rune.IsAscii && "<>:\"|?*".Contains((char)rune.Value, StringComparison.Ordinal)))
            {
                continue;
            }

            clean.Append(Rune.IsWhiteSpace(rune) ? " " : rune.ToString());
        }

        text = string.Join(' ', clean.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ' ');
        var dot = text.LastIndexOf('.');
        var extension = dot > 0 && text.Length - dot <= 10 ? text[dot..] : "";
        var stem = extension.Length > 0 ? text[..dot].TrimEnd('.', ' ') : text;
        if (stem.Length == 0)
        {
            stem = "file";
        }

        if (extension.Length == 0)
        {
            extension = fallbackExtension;
        }

        var room = StoredFile.FileNameLength - extension.Length;
        if (stem.Length > room)
        {
            // Cut on a character boundary, never inside a surrogate pair.
            var cut = room;
            if (char.IsLowSurrogate(stem[cut]))
            {
                cut--;
            }

            stem = stem[..cut].TrimEnd('.', ' ');
        }

        return stem + extension;
    }
}
