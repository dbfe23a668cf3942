using Spona.Web.Platform.Authorization;
using static Spona.Web.Platform.Authorization.Roles;

namespace Spona.Web.Features.ReferenceData;

/// <summary>The reference data module's permissions and its rows of the role table.</summary>
public sealed class ReferenceDataPermissions : IDeclarePermissions
{
    public const string Read = "ReferenceData.Read";
    public const string Manage = "ReferenceData.Manage";

    public int Order => 20;

    public IReadOnlyList<PermissionDeclaration> Permissions { get; } =
    [
        new(Read, "Read reference data", [.. Roles.All]),
        new(Manage, "Manage reference data", [SystemAdministrator]),
    ];
}
