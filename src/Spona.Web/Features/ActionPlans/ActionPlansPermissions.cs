using Spona.Web.Platform.Authorization;
using static Spona.Web.Platform.Authorization.Roles;

namespace Spona.Web.Features.ActionPlans;

/// <summary>
/// The action-plan module's permissions and its rows of the role table. Which plan, activity or report a holder
/// reaches is decided by <see cref="PlanAccess"/>: a permission says what kind of work, the relation to the plan says where.
/// </summary>
public sealed class ActionPlansPermissions : IDeclarePermissions
{
    /// <summary>See the action plans one's institution owns or has activities in.</summary>
    public const string Read = "ActionPlans.Read";

    /// <summary>See every plan of every level (the State Coordinator's office, the Monitoring Team).</summary>
    public const string ReadAll = "ActionPlans.ReadAll";

    /// <summary>Draft and keep the plans one's coordination body owns; first review of their reports.</summary>
    public const string Manage = "ActionPlans.Manage";

    /// <summary>Report on the activities one's institution leads.</summary>
    public const string Report = "ActionPlans.Report";

    /// <summary>Second review of reports, locking periods and recorded corrections (the Monitoring Team).</summary>
    public const string Monitor = "ActionPlans.Monitor";

    public int Order => 35;

    public IReadOnlyList<PermissionDeclaration> Permissions { get; } =
    [
        new(Read, "See the action plans of one's institution", [StateCoordinatorOffice, MonitoringTeamMember, CoordinationTeamMember, InstitutionReporter, InstitutionHead]),
        new(ReadAll, "See every action plan", [StateCoordinatorOffice, MonitoringTeamMember]),
        new(Manage, "Draft and keep the action plans one's body owns", [StateCoordinatorOffice, CoordinationTeamMember]),
        new(Report, "Report on the activities of one's institution", [InstitutionReporter, InstitutionHead, CoordinationTeamMember]),
        new(Monitor, "Review reports for the Monitoring Team and lock periods", [MonitoringTeamMember, StateCoordinatorOffice]),
    ];
}
