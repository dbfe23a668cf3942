namespace Spona.Web.Platform.Authorization;

/// <summary>Named capabilities. Every page and endpoint names one of these as its policy (deny by default, S4).</summary>
public static class Permissions
{
    public const string StrategyRead = "Strategy.Read";
    public const string StrategyAmend = "Strategy.Amend";
    public const string ReferenceDataRead = "ReferenceData.Read";
    public const string ReferenceDataManage = "ReferenceData.Manage";
    public const string UsersManage = "Users.Manage";
    public const string RolesRead = "Roles.Read";
    public const string ApiTokensUse = "ApiTokens.Use";
    public const string AccessBreakGlass = "Access.BreakGlass";
    public const string AccessReview = "Access.Review";
    public const string AuditRead = "Audit.Read";
    public const string NotificationsRead = "Notifications.Read";
    public const string TasksWork = "Tasks.Work";
    public const string TasksSupervise = "Tasks.Supervise";
    public const string FilesRead = "Files.Read";
    public const string FilesAttach = "Files.Attach";

    public static readonly IReadOnlyList<string> All = [StrategyRead, StrategyAmend, ReferenceDataRead, ReferenceDataManage, UsersManage, RolesRead, ApiTokensUse, NotificationsRead, TasksWork, TasksSupervise, AccessBreakGlass, AccessReview, AuditRead, FilesRead, FilesAttach];
}
