using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.Users;

/// <summary>The kinds of change of user administration, as the audit trail groups them (ADR 0022).</summary>
public static class UsersOperations
{
    public static readonly AuditOperationType Invite = new("users.invite", Localizable.Text("Invite a person"));

    /// <summary>What an account may do changes: never without a reason (S15).</summary>
    public static readonly AuditOperationType RolesChange = new("users.roles.change", Localizable.Text("Change roles"), RequiresReason: true);

    public static readonly AuditOperationType RoleDecision = new("users.roles.decide", Localizable.Text("Decide on a role request"));

    public static readonly AuditOperationType Disable = new("users.disable", Localizable.Text("Disable an account"));

    public static readonly AuditOperationType Enable = new("users.enable", Localizable.Text("Enable an account"));

    public static readonly AuditOperationType Unlock = new("users.unlock", Localizable.Text("Unlock an account"));

    public static readonly AuditOperationType ResetSecondFactor = new("users.second-factor.reset", Localizable.Text("Reset the second factor"));

    public static readonly AuditOperationType ActivationLink = new("users.activation-link", Localizable.Text("New link to set a password"));

    public static IReadOnlyList<AuditOperationType> All { get; } = [Invite, RolesChange, RoleDecision, Disable, Enable, Unlock, ResetSecondFactor, ActivationLink];
}
