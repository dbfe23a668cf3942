using System.Globalization;
using System.Text;

namespace Spona.Web.Platform.Persistence;

/// <summary>
/// Values as EF Core stores them in SQLite, read from a column's stored UTF-8 bytes by code that uses SQLite's
/// statement API directly (the audit verifier, the API token check): the same values Microsoft.Data.Sqlite's data
/// reader gives, without decoding every column to a string first.
/// </summary>
internal static class SqliteStoredValues
{
    /// <summary>An instant stored as text: EF Core's form "yyyy-MM-dd HH:mm:ss[.fffffff]" parsed directly, any other text as the data reader parses it.</summary>
    public static DateTime Instant(ReadOnlySpan<byte> text) =>
        TryParseEfInstant(text, out var instant) ? instant : DateTime.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture);

    /// <summary>A GUID stored as text (EF Core's upper-case "D" form, or any form the data reader accepts).</summary>
    public static Guid Guid(ReadOnlySpan<byte> text)
    {
        Span<char> chars = stackalloc char[64];
        return text.Length <= chars.Length && Encoding.UTF8.TryGetChars(text, chars, out var written)
            ? System.Guid.Parse(chars[..written])
            : System.Guid.Parse(Encoding.UTF8.GetString(text));
    }

    internal static bool TryParseEfInstant(ReadOnlySpan<byte> text, out DateTime instant)
    {
        instant = default;
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':'
            || !Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
            || !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute) || !Digits(text.Slice(17, 2), out var second))
        {
            return false;
        }

        var fraction = 0;
        if (text.Length > 19)
        {
            var digits = text[20..];
            if (text[19] != '.' || digits.Length is < 1 or > 7 || !Digits(digits, out fraction))
            {
                return false;
            }

            for (var i = digits.Length; i < 7; i++)
            {
                fraction *= 10;
            }
        }

        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        instant = new DateTime(year, month, day, hour, minute, second).AddTicks(fraction);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
