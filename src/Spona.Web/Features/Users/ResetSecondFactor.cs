using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Users;

/// <summary>An administrator removes the second factor of another account. Used by the account page and the API.</summary>
public sealed class ResetSecondFactor(UserManager<SponaUser> users, IAuditTrail audit, AccountChanges changes)
{
    /// <summary>Removes the authenticator and the recovery codes; the account sets up a new one at its next sign-in.</summary>
    public Task<EditOutcome> ResetSecondFactorAsync(Guid id, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, UsersOperations.ResetSecondFactor, null, async user =>
        {
            if (AccountChanges.IsSelf(id, actor))
            {
                return EditOutcome.Invalid("", "You cannot reset your own second factor; another administrator must.");
            }

            audit.Add(new AuditEvent("user.second-factor-reset", "Account", user.Id.ToString()));
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
            await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
            return null;
        }, cancellationToken);
}
