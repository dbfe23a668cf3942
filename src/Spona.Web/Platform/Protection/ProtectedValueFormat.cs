using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Spona.Web.Platform.Protection;

/// <summary>
/// The plaintext form of an encrypted non-string value (ADR 0019): the same text a clear column of that type holds
/// where there is one (a date as <c>yyyy-MM-dd</c>, numbers in the invariant culture, an enumeration by its name, a
/// GUID in its 36-character form, an instant as ISO 8601 UTC), and compact JSON for anything else (a small record or
/// list). The value is encrypted after this, so the format is never seen in storage.
/// </summary>
public static class ProtectedValueFormat
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => WriteObject(value!);

    public static string WriteObject(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            string s => s,
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
            Guid g => g.ToString("D"),
            bool b => b ? "true" : "false",
            Enum e => e.ToString(),
            IFormattable f when IsNumber(value.GetType()) => f.ToString(null, CultureInfo.InvariantCulture),
            _ => JsonSerializer.Serialize(value, value.GetType(), Json),
        };
    }

    public static T Read<T>(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var type = typeof(T);
        object value = type switch
        {
            _ when type == typeof(string) => text,
            _ when type == typeof(DateOnly) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ when type == typeof(DateTime) => DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind | DateTimeStyles.AdjustToUniversal), DateTimeKind.Utc),
            _ when type == typeof(Guid) => Guid.ParseExact(text, "D"),
            _ when type == typeof(bool) => text == "true",
            _ when type.IsEnum => Enum.Parse(type, text),
            _ when IsNumber(type) => Convert.ChangeType(text, type, CultureInfo.InvariantCulture),
            _ => JsonSerializer.Deserialize<T>(text, Json)!,
        };
        return (T)value;
    }

    private static bool IsNumber(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte)
        || type == typeof(decimal) || type == typeof(double) || type == typeof(float);
}
