using System.Globalization;

namespace Spona.Web.Features.Shared;

/// <summary>
/// Instants are stored in UTC and shown in Bosnia and Herzegovina's time (Europe/Sarajevo, with summer time), in the
/// reader's culture. Form fields for a date and time are read in the same zone.
/// </summary>
public static class LocalTime
{
    public const string ZoneId = "Europe/Sarajevo";

    public static readonly TimeZoneInfo Zone = Find();

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>Short date and time, e.g. "2.12.2026. 14:30" in Bosnian.</summary>
    public static string Format(DateTime utc) => ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);

    public static string Format(DateTime? utc) => utc is { } value ? Format(value) : "";

    /// <summary>The value of an <c>input type="datetime-local"</c> for an instant.</summary>
    public static string ToInputValue(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A local date and time typed in Sarajevo time as an instant (an impossible or ambiguous hour takes the later offset).</summary>
    public static DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            // A host without time zone data: Central European Time with EU summer time rules.
            var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0, DateTimeKind.Unspecified), 3, 5, DayOfWeek.Sunday);
            var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0, DateTimeKind.Unspecified), 10, 5, DayOfWeek.Sunday);
            var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
            return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(1), ZoneId, ZoneId, ZoneId, [rule]);
        }
    }
}
