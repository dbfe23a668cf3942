using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Errors;

namespace Spona.Web.Features.Users;

/// <summary>
/// A request to give an account a role that oversees (Auditor, State Coordinator's office, System administrator) that
/// takes effect only when a second administrator approves it (four eyes, S15): otherwise one administrator could make
/// an account they control into a reader of the whole trail, or multiply themselves. Until approved the role is not assigned at all.
/// </summary>
public sealed class RoleGrantRequest : IAudited
{
    /// <summary>An unapproved request lapses after a week; the requester asks again if it is still wanted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// The roles that need a second administrator's approval: every role that reads the audit trail, reviews
    /// break-the-glass access or manages accounts, taken from the one role table so that a role given such a
    /// permission later needs approval too (today: Auditor, State Coordinator's office, System administrator).
    /// </summary>
    public static readonly IReadOnlySet<string> PrivilegedRoles = new HashSet<string>(
        RolePermissions.RolesWith(Permissions.AuditRead)
            .Concat(RolePermissions.RolesWith(Permissions.AccessReview))
            .Concat(RolePermissions.RolesWith(UsersPermissions.Manage)),
        StringComparer.Ordinal);

    public Guid Id { get; set; }

    /// <summary>The account that would receive the role.</summary>
    [AuditValue]
    public Guid UserId { get; set; }

    [AuditValue]
    public required string Role { get; set; }

    [AuditValue]
    public Guid RequestedById { get; set; }

    [AuditValue]
    public DateTime RequestedAt { get; set; }

    [AuditValue]
    public DateTime ExpiresAt { get; set; }

    [AuditValue]
    public RoleGrantDecision? Decision { get; set; }

    [AuditValue]
    public Guid? DecidedById { get; set; }

    [AuditValue]
    public DateTime? DecidedAt { get; set; }

    public static RoleGrantRequest Open(Guid userId, string role, Guid requestedById, DateTime now)
    {
        if (!PrivilegedRoles.Contains(role))
        {
            throw new DomainRuleViolation("role-grant.not-privileged", "Only the roles that oversee (Auditor, State Coordinator's office, System administrator) need approval.");
        }

        if (userId == requestedById)
        {
            throw new DomainRuleViolation("role-grant.own-account", "You cannot change your own roles; another administrator must.");
        }

        return new RoleGrantRequest
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Role = role,
            RequestedById = requestedById,
            RequestedAt = now,
            ExpiresAt = now + Lifetime,
        };
    }

    public bool IsPendingAt(DateTime now) => Decision is null && ExpiresAt > now;

    /// <summary>
    /// A second administrator approves: never the one who asked, never the account that receives the role.
    /// </summary>
    public void Approve(Guid approverId, DateTime now)
    {
        EnsurePending(now);
        if (approverId == RequestedById)
        {
            throw new DomainRuleViolation("role-grant.same-administrator", "Another administrator must approve a role you asked for.");
        }

        if (approverId == UserId)
        {
            throw new DomainRuleViolation("role-grant.own-account", "You cannot approve a role for your own account.");
        }

        Decide(RoleGrantDecision.Approved, approverId, now);
    }

    /// <summary>Any administrator but the receiving account may refuse; the requester may withdraw their own request.</summary>
    public void Reject(Guid administratorId, DateTime now)
    {
        EnsurePending(now);
        if (administratorId == UserId)
        {
            throw new DomainRuleViolation("role-grant.own-account", "You cannot decide on a role for your own account.");
        }

        Decide(administratorId == RequestedById ? RoleGrantDecision.Withdrawn : RoleGrantDecision.Rejected, administratorId, now);
    }

    /// <summary>The roles were changed again without this role: the request is moot.</summary>
    public void Withdraw(Guid administratorId, DateTime now) => Decide(RoleGrantDecision.Withdrawn, administratorId, now);

    private void EnsurePending(DateTime now)
    {
        if (Decision is not null)
        {
            throw new DomainRuleViolation("role-grant.decided", "This request has already been decided.");
        }

        if (ExpiresAt <= now)
        {
            throw new DomainRuleViolation("role-grant.expired", "This request has lapsed. Ask again if the role is still needed.");
        }
    }

    private void Decide(RoleGrantDecision decision, Guid administratorId, DateTime now)
    {
        Decision = decision;
        DecidedById = administratorId;
        DecidedAt = now;
    }
}
