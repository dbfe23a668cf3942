using Spona.Web.Platform.Authorization;
using static Spona.Web.Platform.Authorization.Roles;

namespace Spona.Web.Features.Users;

/// <summary>The user administration module's permissions and its rows of the role table.</summary>
public sealed class UsersPermissions : IDeclarePermissions
{
    public const string Manage = "Users.Manage";
    public const string RolesRead = "Roles.Read";

    public int Order => 30;

    public IReadOnlyList<PermissionDeclaration> Permissions { get; } =
    [
        new(Manage, "Manage user accounts", [SystemAdministrator]),
        new(RolesRead, "Read the table of roles and permissions", [SystemAdministrator, StateCoordinatorOffice, Auditor]),
    ];
}
