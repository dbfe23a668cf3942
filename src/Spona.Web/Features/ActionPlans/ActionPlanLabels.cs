using System.Globalization;

namespace Spona.Web.Features.ActionPlans;

/// <summary>The English keys of the module's enumerations and amounts, translated by the pages' localizer.</summary>
public static class ActionPlanLabels
{
    public static string Of(PlanStatus status) => status switch
    {
        PlanStatus.Draft => "Draft",
        PlanStatus.Adopted => "Adopted",
        PlanStatus.InForce => "In force",
        _ => "Closed",
    };

    public static string Of(ActivityStatus status) => status switch
    {
        ActivityStatus.NotStarted => "Not started",
        ActivityStatus.InProgress => "In progress",
        ActivityStatus.Completed => "Completed",
        ActivityStatus.Late => "Late",
        _ => "Cancelled",
    };

    public static string Of(StakeholderGroup group) => group switch
    {
        StakeholderGroup.CivilSociety => "Civil society",
        StakeholderGroup.Business => "Business",
        StakeholderGroup.VictimsRepresentatives => "Victims' representatives",
        StakeholderGroup.RomaRepresentatives => "Roma representatives",
        StakeholderGroup.InternationalOrganisations => "International organisations",
        _ => "Other",
    };

    public static string Of(FundingSource source) => source switch
    {
        FundingSource.State => "State budget",
        FundingSource.Entity => "Entity budget",
        FundingSource.Canton => "Cantonal budget",
        FundingSource.Municipal => "Municipal budget",
        _ => "Donor",
    };

    public static string Of(ReportState state) => state switch
    {
        ReportState.Draft => "Draft",
        ReportState.Submitted => "Submitted",
        ReportState.Returned => "Returned",
        ReportState.Endorsed => "Endorsed by the coordination body",
        _ => "Accepted",
    };

    public static string Of(PeriodKind kind) => kind switch
    {
        PeriodKind.SemiAnnual => "Half-yearly",
        PeriodKind.Annual => "Yearly",
        _ => "Other",
    };

    public static string Of(IndicatorDirection direction) => direction switch
    {
        IndicatorDirection.Increase => "More is better",
        _ => "Less is better",
    };

    public static string Of(ReviewLevel level) => level switch
    {
        ReviewLevel.Coordination => "Coordination body",
        _ => "Monitoring Team",
    };

    public static string Of(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Accepted => "Accepted",
        _ => "Returned",
    };

    /// <summary>An amount in minor units as KM with two decimals, in the reader's number format (e.g. "1.234,50 KM").</summary>
    public static string Km(long minor) => (minor / 100m).ToString("N2", CultureInfo.CurrentCulture) + " KM";

    /// <summary>A KM amount typed in a form (comma or point as decimal separator) as minor units; null when not a number.</summary>
    public static long? ParseKm(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = text.Trim().Replace("KM", "", StringComparison.OrdinalIgnoreCase).Replace(" ", "", StringComparison.Ordinal).Trim();
        // The last separator is the decimal one; the others group thousands.
        var last = cleaned.LastIndexOfAny([',', '.']);
        if (last >= 0 && cleaned.Length - last - 1 is 1 or 2)
        {
            cleaned = cleaned[..last].Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal) + "." + cleaned[(last + 1)..];
        }
        else
        {
            cleaned = cleaned.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        }

        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var km) && km >= 0 && km < BudgetLine.MaxMinor / 100m
            ? (long)Math.Round(km * 100m, MidpointRounding.AwayFromZero)
            : null;
    }

    public static string Percent(decimal? ratio) => ratio is { } r ? (r * 100m).ToString("0", CultureInfo.CurrentCulture) + " %" : "—";

    public static string Number(decimal? value) => value is { } v ? v.ToString("0.####", CultureInfo.CurrentCulture) : "—";

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";
}
