using static Spona.Web.Platform.Authorization.Roles;

namespace Spona.Web.Platform.Authorization;

/// <summary>
/// Named capabilities of the platform itself. Every page and endpoint names a permission as its policy (deny by
/// default, S4); a module declares its own (<see cref="IDeclarePermissions"/>), the platform names none of them.
/// </summary>
public static class Permissions
{
    public const string ApiTokensUse = "ApiTokens.Use";
    public const string AccessBreakGlass = "Access.BreakGlass";
    public const string AccessReview = "Access.Review";
    public const string AuditRead = "Audit.Read";
    public const string NotificationsRead = "Notifications.Read";
    public const string TasksWork = "Tasks.Work";
    public const string TasksSupervise = "Tasks.Supervise";
    public const string FilesRead = "Files.Read";
    public const string FilesAttach = "Files.Attach";

    /// <summary>Every permission, the platform's and every module's, in the order of the role table.</summary>
    public static IReadOnlyList<string> All => RolePermissions.AllPermissions;
}

/// <summary>The platform's rows of the role table.</summary>
internal sealed class PlatformPermissions : IDeclarePermissions
{
    private static readonly string[] CaseWork = [StateCoordinatorOffice, CoordinationTeamMember, CaseWorker, ShelterStaff, PoliceOfficer, Prosecutor, CourtClerk, LabourInspector, LegalAidProvider];

    private static readonly string[] Reporting = [MonitoringTeamMember, InstitutionReporter, InstitutionHead];

    public int Order => 100;

    public IReadOnlyList<PermissionDeclaration> Permissions { get; } =
    [
        new(Authorization.Permissions.ApiTokensUse, "Use API tokens", [SystemAdministrator, StateCoordinatorOffice, MonitoringTeamMember, InstitutionReporter, Analyst]),
        // Everyone reads their own notices, and only their own (the list is filtered by the signed-in account).
        new(Authorization.Permissions.NotificationsRead, "Read one's own notifications", [.. Roles.All]),
        // Everyone who does case or plan work has tasks; the trail's readers and the analysts do not.
        new(Authorization.Permissions.TasksWork, "Work on one's own and one's institution's tasks", [.. Roles.All.Except([Auditor, Analyst])]),
        new(Authorization.Permissions.TasksSupervise, "Supervise tasks: see overdue tasks in one's scope and reassign them", [Supervisor, InstitutionHead, StateCoordinatorOffice, CoordinationTeamMember]),
        new(Authorization.Permissions.AccessBreakGlass, "Open a record outside one's scope (break-the-glass access)", CaseWork),
        new(Authorization.Permissions.AccessReview, "Review break-the-glass access", [StateCoordinatorOffice, Auditor]),
        // The trail is read by those who oversee, never by those it records most (S6, S15).
        new(Authorization.Permissions.AuditRead, "Read the audit trail", [Auditor, StateCoordinatorOffice]),
        // Attachments of records, for those who do case work and those who report on and review action plans (a plan's
        // decision, a report's evidence); a file is reached only through its record's own access rule (ADR 0020, 0029).
        new(Authorization.Permissions.FilesRead, "Read the files attached to the records one reaches", [.. CaseWork, .. Reporting]),
        new(Authorization.Permissions.FilesAttach, "Attach files to the records one reaches and delete them", [.. CaseWork, .. Reporting]),
    ];
}
