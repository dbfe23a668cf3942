using Spona.Web.Platform.Protection;

namespace Spona.Web.Features.ReferenceData;

/// <summary>An institution or organisation. Every user belongs to one (domain.md 2.1).</summary>
public sealed class Institution : Platform.Audit.IAudited
{
    /// <summary>The Ministry of Security, which keeps the central database (1.2.2): the first administrator's home.</summary>
    public const string DefaultAdministratorInstitutionCode = "MSB";

    public Guid Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? NameCyrillic { get; set; }

    public string? NameEn { get; set; }

    public string? Abbreviation { get; set; }

    public InstitutionType Type { get; set; }

    public Guid JurisdictionId { get; set; }

    public Guid? ParentId { get; set; }

    [NotPersonalData("The institution's published contact details, not a person's")]
    public string? Address { get; set; }

    [NotPersonalData("The institution's published contact details, not a person's")]
    public string? Email { get; set; }

    [NotPersonalData("The institution's published contact details, not a person's")]
    public string? Phone { get; set; }

    public string? Website { get; set; }

    public bool IsActive { get; set; } = true;

    public int Version { get; set; }

    public string DisplayName(string culture) => culture switch
    {
        Platform.Localization.SupportedCultures.English => NameEn ?? Name,
        Platform.Localization.SupportedCultures.SerbianCyrillic => NameCyrillic ?? Platform.Localization.SerbianTransliteration.ToCyrillic(Name),
        _ => Name,
    };
}
