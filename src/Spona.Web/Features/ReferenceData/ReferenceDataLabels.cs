using Spona.Web.Platform.Organisations;
namespace Spona.Web.Features.ReferenceData;

/// <summary>English labels of the reference-data enumerations; they are keys of the translation catalogue.</summary>
public static class ReferenceDataLabels
{
    public static string For(JurisdictionKind kind) => kind switch
    {
        JurisdictionKind.State => "State",
        JurisdictionKind.Entity => "Entity",
        JurisdictionKind.District => "District",
        JurisdictionKind.Canton => "Canton",
        JurisdictionKind.Region => "Region",
        JurisdictionKind.City => "City",
        _ => "Municipality",
    };

    public static string For(InstitutionType type) => type switch
    {
        InstitutionType.Ministry => "Ministry",
        InstitutionType.PoliceAgency => "Police agency",
        InstitutionType.ProsecutorsOffice => "Prosecutor's office",
        InstitutionType.Court => "Court",
        InstitutionType.SocialWorkCentre => "Social work centre",
        InstitutionType.LabourInspectorate => "Labour inspectorate",
        InstitutionType.Health => "Health institution",
        InstitutionType.Education => "Education institution",
        InstitutionType.ShelterOperator => "Shelter operator",
        InstitutionType.Ngo => "Non-governmental organisation",
        InstitutionType.LegalAidProvider => "Free legal aid provider",
        InstitutionType.InternationalOrganisation => "International organisation",
        InstitutionType.CoordinationBody => "Coordination body",
        _ => "Other",
    };
}
