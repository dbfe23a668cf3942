namespace Spona.Web.Platform.Authorization;

/// <summary>
/// One row of the role table: a permission, what it lets a person do (an English key of the translation catalogue,
/// shown on pages with the code as secondary text), and the roles that have it.
/// </summary>
public sealed record PermissionDeclaration(string Name, string Label, IReadOnlyList<string> Roles);

/// <summary>
/// Declares permissions and their rows of the role table, from the folder of the module that owns them (or from the
/// platform, for its own capabilities). Found by type when the role table is first used: a class with a public
/// parameterless constructor; nothing outside the module lists it. <see cref="RolePermissions"/> refuses to start
/// with a permission declared twice, a role that does not exist, or a declaration without roles.
/// </summary>
public interface IDeclarePermissions
{
    /// <summary>Where these rows stand in the role table (lower first; then by declaring type).</summary>
    int Order { get; }

    IReadOnlyList<PermissionDeclaration> Permissions { get; }
}
