using System.Globalization;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.Shared;

/// <summary>
/// A text in the interface languages, for reference data and the strategy catalogue. Serbian Cyrillic is derived from
/// Serbian Latin unless an explicit form is stored.
/// </summary>
public sealed class LocalizedText
{
    public string En { get; set; } = "";

    public string Bs { get; set; } = "";

    public string Hr { get; set; } = "";

    public string SrLatn { get; set; } = "";

    public string? SrCyrl { get; set; }

    public static LocalizedText Of(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return new LocalizedText
        {
            En = labels.GetValueOrDefault(SupportedCultures.English, ""),
            Bs = labels.GetValueOrDefault(SupportedCultures.Bosnian, ""),
            Hr = labels.GetValueOrDefault(SupportedCultures.Croatian, ""),
            SrLatn = labels.GetValueOrDefault(SupportedCultures.SerbianLatin, ""),
            SrCyrl = labels.GetValueOrDefault(SupportedCultures.SerbianCyrillic),
        };
    }

    public string For(string culture)
    {
        var text = culture switch
        {
            SupportedCultures.Bosnian => Bs,
            SupportedCultures.Croatian => Hr,
            SupportedCultures.SerbianLatin => SrLatn,
            SupportedCultures.SerbianCyrillic => string.IsNullOrWhiteSpace(SrCyrl) && !string.IsNullOrWhiteSpace(SrLatn)
                ? SerbianTransliteration.ToCyrillic(SrLatn)
                : SrCyrl,
            _ => En,
        };
        return string.IsNullOrWhiteSpace(text) ? En : text;
    }

    public string ForCurrentCulture() => For(SupportedCultures.Normalize(CultureInfo.CurrentUICulture));

    public bool SameAs(LocalizedText other) =>
        En == other.En && Bs == other.Bs && Hr == other.Hr && SrLatn == other.SrLatn && SrCyrl == other.SrCyrl;

    public LocalizedText Copy() => new() { En = En, Bs = Bs, Hr = Hr, SrLatn = SrLatn, SrCyrl = SrCyrl };
}
