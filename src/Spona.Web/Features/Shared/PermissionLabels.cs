using Spona.Web.Platform.Authorization;

namespace Spona.Web.Features.Shared;

/// <summary>
/// What each permission lets a person do, as keys of the translation catalogue: pages show these, with the code
/// (<c>Strategy.Read</c>) as secondary text; the API keeps the codes. Each module declares its labels with its
/// permissions (<see cref="IDeclarePermissions"/>).
/// </summary>
public static class PermissionLabels
{
    public static string For(string permission) => RolePermissions.LabelOf(permission);
}
