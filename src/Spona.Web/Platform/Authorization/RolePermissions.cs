using System.Collections.Frozen;
using System.Security.Claims;
using static Spona.Web.Platform.Authorization.Permissions;
using static Spona.Web.Platform.Authorization.Roles;

namespace Spona.Web.Platform.Authorization;

/// <summary>The one table that maps roles to permissions. A reviewer reads the whole access model here.</summary>
public static class RolePermissions
{
    private static readonly string[] EveryRole = [.. Roles.All];

    private static readonly (string Permission, string[] Roles)[] Table =
    [
        (StrategyRead, EveryRole),
        (StrategyAmend, [SystemAdministrator, StateCoordinatorOffice, MonitoringTeamMember]),
        (ReferenceDataRead, EveryRole),
        (ReferenceDataManage, [SystemAdministrator]),
        (UsersManage, [SystemAdministrator]),
        (RolesRead, [SystemAdministrator, StateCoordinatorOffice, Auditor]),
        (AccessBreakGlass, [StateCoordinatorOffice, CoordinationTeamMember, CaseWorker, ShelterStaff, PoliceOfficer, Prosecutor, CourtClerk, LabourInspector, LegalAidProvider]),
        (AccessReview, [StateCoordinatorOffice, Auditor]),
        (ApiTokensUse, [SystemAdministrator, StateCoordinatorOffice, MonitoringTeamMember, InstitutionReporter, Analyst]),
        // The trail is read by those who oversee, never by those it records most (S6, S15).
        (AuditRead, [Auditor, StateCoordinatorOffice]),
        // Everyone reads their own notices, and only their own (the list is filtered by the signed-in account).
        (NotificationsRead, EveryRole),
        // Everyone who does case or plan work has tasks; the trail's readers and the analysts do not.
        (TasksWork, [.. EveryRole.Except([Auditor, Analyst])]),
        (TasksSupervise, [Supervisor, InstitutionHead, StateCoordinatorOffice, CoordinationTeamMember]),
        // Attachments of records, for those who do case work; a file is reached only through its record's scope (ADR 0020).
        (FilesRead, [StateCoordinatorOffice, CoordinationTeamMember, CaseWorker, ShelterStaff, PoliceOfficer, Prosecutor, CourtClerk, LabourInspector, LegalAidProvider]),
        (FilesAttach, [StateCoordinatorOffice, CoordinationTeamMember, CaseWorker, ShelterStaff, PoliceOfficer, Prosecutor, CourtClerk, LabourInspector, LegalAidProvider]),
    ];

    /// <summary>Every permission a role has, in the order of <see cref="Permissions.All"/>.</summary>
    public static IReadOnlyList<string> PermissionsOf(string role) =>
        PermissionsByRole.TryGetValue(role, out var permissions) ? permissions : [];

    /// <summary>Every permission the user's roles give.</summary>
    public static IReadOnlyList<string> PermissionsOf(ClaimsPrincipal user) =>
        [.. Permissions.All.Where(p => Allows(user, p))];

    private static readonly FrozenDictionary<string, FrozenSet<string>> RolesByPermission =
        Table.ToFrozenDictionary(row => row.Permission, row => row.Roles.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

    // The table read by role, built once (the role table is fixed at compile time).
    private static readonly FrozenDictionary<string, IReadOnlyList<string>> PermissionsByRole = Roles.All.ToFrozenDictionary(
        role => role, role => (IReadOnlyList<string>)[.. Permissions.All.Where(p => RolesWith(p).Contains(role))], StringComparer.Ordinal);

    public static IReadOnlySet<string> RolesWith(string permission) =>
        RolesByPermission.TryGetValue(permission, out var roles) ? roles : FrozenSet<string>.Empty;

    /// <summary>On a principal made from an API token: the token's id, and each permission named on the token.</summary>
    public const string TokenClaim = "spona:token";
    public const string TokenPermissionClaim = "spona:token-permission";

    /// <summary>
    /// One of the user's roles has the permission, and, when the request carries an API token, the token names it too.
    /// </summary>
    public static bool Allows(ClaimsPrincipal user, string permission) =>
        RolesWith(permission).Any(user.IsInRole)
        && (!user.HasClaim(c => c.Type == TokenClaim) || user.HasClaim(TokenPermissionClaim, permission));
}
