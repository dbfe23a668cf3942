using Spona.Web.Platform.Authorization;

namespace Spona.Web.Features.Users;

/// <summary>The roles' names as keys of the translation catalogue.</summary>
public static class RoleLabels
{
    public static string For(string role) => role switch
    {
        Roles.SystemAdministrator => "System administrator",
        Roles.StateCoordinatorOffice => "State Coordinator's office",
        Roles.MonitoringTeamMember => "Monitoring Team member",
        Roles.CoordinationTeamMember => "Coordination team member",
        Roles.CaseWorker => "Case worker",
        Roles.ShelterStaff => "Shelter staff",
        Roles.PoliceOfficer => "Police officer",
        Roles.Prosecutor => "Prosecutor",
        Roles.CourtClerk => "Court clerk",
        Roles.LabourInspector => "Labour inspector",
        Roles.LegalAidProvider => "Legal aid provider",
        Roles.InstitutionReporter => "Institution reporter",
        Roles.Analyst => "Analyst",
        Roles.Auditor => "Auditor",
        Roles.Supervisor => "Supervisor",
        Roles.InstitutionHead => "Head of institution",
        _ => role,
    };
}
