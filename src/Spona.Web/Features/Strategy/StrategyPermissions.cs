using Spona.Web.Platform.Authorization;
using static Spona.Web.Platform.Authorization.Roles;

namespace Spona.Web.Features.Strategy;

/// <summary>The strategy module's permissions and its rows of the role table.</summary>
public sealed class StrategyPermissions : IDeclarePermissions
{
    public const string Read = "Strategy.Read";
    public const string Amend = "Strategy.Amend";

    public int Order => 10;

    public IReadOnlyList<PermissionDeclaration> Permissions { get; } =
    [
        new(Read, "Read the strategy", [.. Roles.All]),
        new(Amend, "Record amendments to the strategy", [SystemAdministrator, StateCoordinatorOffice, MonitoringTeamMember]),
    ];
}
