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
        // The trail is read by those who oversee, never by those it records most (S6, S15).
        (AuditRead, [Auditor, StateCoordinatorOffice]),
    ];

    private static readonly FrozenDictionary<string, FrozenSet<string>> RolesByPermission =
        Table.ToFrozenDictionary(row => row.Permission, row => row.Roles.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

    public static IReadOnlySet<string> RolesWith(string permission) =>
        RolesByPermission.TryGetValue(permission, out var roles) ? roles : FrozenSet<string>.Empty;

    public static bool Allows(ClaimsPrincipal user, string permission) =>
        RolesWith(permission).Any(user.IsInRole);
}
