namespace Spona.Web.Platform.Authorization;

/// <summary>The roles of Spona. What each may do is in <see cref="RolePermissions"/>, nowhere else.</summary>
public static class Roles
{
    public const string SystemAdministrator = "SystemAdministrator";
    public const string StateCoordinatorOffice = "StateCoordinatorOffice";
    public const string MonitoringTeamMember = "MonitoringTeamMember";
    public const string CoordinationTeamMember = "CoordinationTeamMember";
    public const string CaseWorker = "CaseWorker";
    public const string ShelterStaff = "ShelterStaff";
    public const string PoliceOfficer = "PoliceOfficer";
    public const string Prosecutor = "Prosecutor";
    public const string CourtClerk = "CourtClerk";
    public const string LabourInspector = "LabourInspector";
    public const string LegalAidProvider = "LegalAidProvider";
    public const string InstitutionReporter = "InstitutionReporter";
    public const string Analyst = "Analyst";
    public const string Auditor = "Auditor";

    /// <summary>Supervises the case work of their institution: receives its overdue tasks and reassigns them.</summary>
    public const string Supervisor = "Supervisor";

    /// <summary>The head of an institution: receives the tasks still open a day after their deadline.</summary>
    public const string InstitutionHead = "InstitutionHead";

    public static readonly IReadOnlyList<string> All =
    [
        SystemAdministrator, StateCoordinatorOffice, MonitoringTeamMember, CoordinationTeamMember, CaseWorker,
        ShelterStaff, PoliceOfficer, Prosecutor, CourtClerk, LabourInspector, LegalAidProvider, InstitutionReporter,
        Analyst, Auditor, Supervisor, InstitutionHead,
    ];
}
