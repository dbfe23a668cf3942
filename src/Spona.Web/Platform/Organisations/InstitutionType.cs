namespace Spona.Web.Platform.Organisations;

public enum InstitutionType
{
    Ministry,
    PoliceAgency,
    ProsecutorsOffice,
    Court,
    SocialWorkCentre,
    LabourInspectorate,
    Health,
    Education,
    ShelterOperator,
    Ngo,
    LegalAidProvider,
    InternationalOrganisation,
    CoordinationBody,
    Other,
}
