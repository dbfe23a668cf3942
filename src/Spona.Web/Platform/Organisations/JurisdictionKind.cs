namespace Spona.Web.Platform.Organisations;

/// <summary>Levels of government of Bosnia and Herzegovina (domain.md 1, "Government structure").</summary>
public enum JurisdictionKind
{
    State,
    Entity,
    District,
    Canton,
    Region,
    City,
    Municipality,
}
