using Spona.Web.Platform.Audit;

namespace Spona.Web.Platform.Identity;

/// <summary>Account events recorded before a session exists (sign-in, activation): the actor is the account itself.</summary>
public static class AccountAuditEvents
{
    public static AuditEvent By(this AuditEvent auditEvent, SponaUser user)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentNullException.ThrowIfNull(user);
        return auditEvent with { ActorUserId = user.Id, ActorLabel = user.Email, InstitutionId = user.InstitutionId };
    }
}
