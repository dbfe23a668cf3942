using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Users;

/// <summary>
/// An administrator issues another account a new activation (password) link. Used by the account page and the API.
/// </summary>
public sealed class IssueActivationLink(UserManager<SponaUser> users, IAuditTrail audit, AccountChanges changes)
{
    /// <summary>
    /// A link with which the account sets a (new) password; valid three days, once. It also ends a lockout, and any
    /// earlier link dies. The token is made after the security stamp changed: a token made before would be dead on
    /// arrival, because Identity binds it to the stamp.
    /// </summary>
    public async Task<(EditOutcome Outcome, ActivationLink? Link)> NewActivationLinkAsync(Guid id, ClaimsPrincipal actor, LinkDelivery delivery, CancellationToken cancellationToken)
    {
        ActivationLink? link = null;
        var outcome = await changes.ChangeAsync(id, UsersOperations.ActivationLink, null, async user =>
        {
            if (AccountChanges.IsSelf(id, actor))
            {
                return EditOutcome.Invalid("", "Change your own password on your account page.");
            }

            audit.Add(new AuditEvent("user.activation-link", "Account", user.Id.ToString()));
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }, cancellationToken, renewStampAlways: true, beforeCommit: async user => link = await changes.DeliverLinkAsync(user, delivery, invitation: false, cancellationToken));
        return outcome.Status == EditStatus.Done ? (outcome, changes.Sent(link!)) : (outcome, null);
    }
}
