using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Platform.Organisations;

/// <summary>
/// A unit of government: the state, an entity, Brčko District, a canton, an RS region, a city or a municipality.
/// Every institution, team, plan and case belongs to one; access and statistics are cut by this hierarchy.
/// </summary>
public sealed class Jurisdiction : IAudited, Persistence.IVersioned
{
    public Guid Id { get; set; }

    [AuditValue]
    public required string Code { get; set; }

    [AuditValue]
    public JurisdictionKind Kind { get; set; }

    /// <summary>The official name in Latin script.</summary>
    [AuditValue]
    public required string Name { get; set; }

    /// <summary>The official name in Cyrillic script (Republika Srpska and common institutions).</summary>
    [AuditValue]
    public string? NameCyrillic { get; set; }

    [AuditValue]
    public string? NameEn { get; set; }

    [AuditValue]
    public Guid? ParentId { get; set; }

    /// <summary>For municipalities of Republika Srpska: the region its regional team covers.</summary>
    [AuditValue]
    public Guid? RegionId { get; set; }

    [AuditValue]
    public bool IsActive { get; set; } = true;

    [AuditValue]
    public int Version { get; set; }

    public string DisplayName(string culture) => culture switch
    {
        SupportedCultures.English => NameEn ?? Name,
        SupportedCultures.SerbianCyrillic => NameCyrillic ?? SerbianTransliteration.ToCyrillic(Name),
        _ => Name,
    };

    public void Rename(string name, string? nameCyrillic, string? nameEn)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleViolation("jurisdiction.name-required", "A jurisdiction needs a name.");
        }

        Name = name.Trim();
        NameCyrillic = string.IsNullOrWhiteSpace(nameCyrillic) ? null : nameCyrillic.Trim();
        NameEn = string.IsNullOrWhiteSpace(nameEn) ? null : nameEn.Trim();
    }

    /// <summary>A unit can only sit under a unit of a higher level (a municipality under a canton, never the reverse).</summary>
    public static bool CanBeChildOf(JurisdictionKind child, JurisdictionKind parent) => (child, parent) switch
    {
        (JurisdictionKind.State, _) => false,
        (JurisdictionKind.Entity or JurisdictionKind.District, JurisdictionKind.State) => true,
        (JurisdictionKind.Canton or JurisdictionKind.Region, JurisdictionKind.Entity) => true,
        (JurisdictionKind.City or JurisdictionKind.Municipality, JurisdictionKind.Canton or JurisdictionKind.Entity or JurisdictionKind.District) => true,
        _ => false,
    };
}
