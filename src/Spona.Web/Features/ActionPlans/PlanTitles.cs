using Spona.Web.Features.Shared;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.ActionPlans;

/// <summary>
/// A plan's or an activity's title in the languages it was given in. Plans are written in one of the country's
/// languages and translated as far as someone did: a reader sees their own language, else the first one given.
/// </summary>
public sealed record PlanTitles(string? Bs = null, string? Hr = null, string? SrLatn = null, string? SrCyrl = null, string? En = null)
{
    public const string Field = "title";

    public static PlanTitles Of(LocalizedText text) => new(text.Bs, text.Hr, text.SrLatn, text.SrCyrl, text.En);

    public bool IsEmpty => new[] { Bs, Hr, SrLatn, SrCyrl, En }.All(string.IsNullOrWhiteSpace);

    public bool TooLong(int max) => new[] { Bs, Hr, SrLatn, SrCyrl, En }.Any(t => t?.Trim().Length > max);

    public LocalizedText ToText() => new()
    {
        Bs = Bs?.Trim() ?? "",
        Hr = Hr?.Trim() ?? "",
        SrLatn = SrLatn?.Trim() ?? "",
        SrCyrl = string.IsNullOrWhiteSpace(SrCyrl) ? null : SrCyrl.Trim(),
        En = En?.Trim() ?? "",
    };

    /// <summary>The title in <paramref name="culture"/>, else in the first language it has (Bosnian, Croatian, Serbian, English).</summary>
    public static string Show(LocalizedText text, string culture)
    {
        var own = culture switch
        {
            SupportedCultures.Bosnian => text.Bs,
            SupportedCultures.Croatian => text.Hr,
            SupportedCultures.SerbianLatin => text.SrLatn,
            SupportedCultures.SerbianCyrillic => string.IsNullOrWhiteSpace(text.SrCyrl) && !string.IsNullOrWhiteSpace(text.SrLatn)
                ? SerbianTransliteration.ToCyrillic(text.SrLatn)
                : text.SrCyrl,
            _ => text.En,
        };
        if (!string.IsNullOrWhiteSpace(own))
        {
            return own;
        }

        return new[] { text.Bs, text.Hr, text.SrLatn, text.SrCyrl, text.En }.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? "";
    }

    public static string ShowCurrent(LocalizedText text) => Show(text, SupportedCultures.Normalize(System.Globalization.CultureInfo.CurrentUICulture));
}
