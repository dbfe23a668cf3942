using System.Collections.Frozen;
using System.Security.Claims;

namespace Spona.Web.Platform.Authorization;

/// <summary>
/// The one table that maps roles to permissions, assembled from every <see cref="IDeclarePermissions"/> in the
/// application (the platform's own and each module's, found by type): a reviewer reads the whole access model on the
/// role table page or from <c>GET /api/v1/roles</c>.
/// </summary>
public static class RolePermissions
{
    private static readonly PermissionDeclaration[] Table = Assemble(typeof(RolePermissions).Assembly.GetTypes());

    /// <summary>Every declared permission, in the order of the role table.</summary>
    public static IReadOnlyList<string> AllPermissions { get; } = [.. Table.Select(row => row.Name)];

    /// <summary>The rows of the table as declared (name, label key, roles).</summary>
    public static IReadOnlyList<PermissionDeclaration> Declarations => Table;

    /// <summary>What the permission lets a person do (a catalogue key), or the code itself when it is not declared.</summary>
    public static string LabelOf(string permission) => Labels.TryGetValue(permission, out var label) ? label : permission;

    /// <summary>The declarations among <paramref name="types"/>, checked: unique names, known roles, at least one role each.</summary>
    internal static PermissionDeclaration[] Assemble(IEnumerable<Type> types)
    {
        var declarers = types
            .Where(t => typeof(IDeclarePermissions).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => (IDeclarePermissions)Activator.CreateInstance(t, nonPublic: true)!)
            .OrderBy(d => d.Order).ThenBy(d => d.GetType().FullName, StringComparer.Ordinal);
        var table = declarers.SelectMany(d => d.Permissions.Select(p => (Declarer: d.GetType().Name, Row: p))).ToList();
        foreach (var duplicate in table.GroupBy(x => x.Row.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new InvalidOperationException($"The permission {duplicate.Key} is declared by more than one module: {string.Join(", ", duplicate.Select(x => x.Declarer))}.");
        }

        foreach (var (declarer, row) in table)
        {
            if (string.IsNullOrWhiteSpace(row.Name) || string.IsNullOrWhiteSpace(row.Label) || row.Roles.Count == 0)
            {
                throw new InvalidOperationException($"{declarer} declares a permission without a name, a label or roles.");
            }

            if (row.Roles.FirstOrDefault(role => !Roles.All.Contains(role, StringComparer.Ordinal)) is { } unknown)
            {
                throw new InvalidOperationException($"{declarer} gives {row.Name} to the role {unknown}, which does not exist.");
            }
        }

        return [.. table.Select(x => x.Row)];
    }

    private static readonly FrozenDictionary<string, string> Labels = Table.ToFrozenDictionary(row => row.Name, row => row.Label, StringComparer.Ordinal);

    /// <summary>Every permission a role has, in the order of the role table.</summary>
    public static IReadOnlyList<string> PermissionsOf(string role) =>
        PermissionsByRole.TryGetValue(role, out var permissions) ? permissions : [];

    /// <summary>Every permission the user's roles give.</summary>
    public static IReadOnlyList<string> PermissionsOf(ClaimsPrincipal user) =>
        [.. AllPermissions.Where(p => Allows(user, p))];

    private static readonly FrozenDictionary<string, FrozenSet<string>> RolesByPermission =
        Table.ToFrozenDictionary(row => row.Name, row => row.Roles.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

    // The table read by role, built once (the role table is fixed at compile time).
    private static readonly FrozenDictionary<string, IReadOnlyList<string>> PermissionsByRole = Roles.All.ToFrozenDictionary(
        role => role, role => (IReadOnlyList<string>)[.. AllPermissions.Where(p => RolesWith(p).Contains(role))], StringComparer.Ordinal);

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
