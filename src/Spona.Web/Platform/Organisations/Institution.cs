using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Organisations;

/// <summary>An institution or organisation. Every user belongs to one (domain.md 2.1).</summary>
public sealed class Institution : IAudited, Persistence.IVersioned
{
    /// <summary>The Ministry of Security, which keeps the central database (1.2.2): the first administrator's home.</summary>
    public const string DefaultAdministratorInstitutionCode = "MSB";

    public Guid Id { get; set; }

    [AuditValue]
    public required string Code { get; set; }

    [AuditValue]
    public required string Name { get; set; }

    [AuditValue]
    public string? NameCyrillic { get; set; }

    [AuditValue]
    public string? NameEn { get; set; }

    [AuditValue]
    public string? Abbreviation { get; set; }

    [AuditValue]
    public InstitutionType Type { get; set; }

    [AuditValue]
    public Guid JurisdictionId { get; set; }

    [AuditValue]
    public Guid? ParentId { get; set; }

    [NotPersonalData("The institution's published contact details, not a person's")]
    public string? Address { get; set; }

    [NotPersonalData("The institution's published contact details, not a person's")]
    public string? Email { get; set; }

    [NotPersonalData("The institution's published contact details, not a person's")]
    public string? Phone { get; set; }

    [AuditValue]
    public string? Website { get; set; }

    [AuditValue]
    public bool IsActive { get; set; } = true;

    [AuditValue]
    public int Version { get; set; }

    public string DisplayName(string culture) => culture switch
    {
        Localization.SupportedCultures.English => NameEn ?? Name,
        Localization.SupportedCultures.SerbianCyrillic => NameCyrillic ?? Localization.SerbianTransliteration.ToCyrillic(Name),
        _ => Name,
    };
}
