using Spona.Web.Platform.Authorization;

namespace Spona.Web.Features.Shared;

/// <summary>
/// What each permission lets a person do, as keys of the translation catalogue: pages show these, with the code
/// (<c>Strategy.Read</c>) as secondary text; the API keeps the codes.
/// </summary>
public static class PermissionLabels
{
    public static string For(string permission) => permission switch
    {
        Permissions.StrategyRead => "Read the strategy",
        Permissions.StrategyAmend => "Record amendments to the strategy",
        Permissions.ReferenceDataRead => "Read reference data",
        Permissions.ReferenceDataManage => "Manage reference data",
        Permissions.UsersManage => "Manage user accounts",
        Permissions.RolesRead => "Read the table of roles and permissions",
        Permissions.ApiTokensUse => "Use API tokens",
        Permissions.AccessBreakGlass => "Open a record outside one's scope (break-the-glass access)",
        Permissions.AccessReview => "Review break-the-glass access",
        Permissions.AuditRead => "Read the audit trail",
        Permissions.NotificationsRead => "Read one's own notifications",
        Permissions.TasksWork => "Work on one's own and one's institution's tasks",
        Permissions.TasksSupervise => "Supervise tasks: see overdue tasks in one's scope and reassign them",
        Permissions.FilesRead => "Read the files attached to the records one reaches",
        Permissions.FilesAttach => "Attach files to the records one reaches and delete them",
        _ => permission,
    };
}
