using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Users;

/// <summary>An administrator ends the lockout of another account. Used by the account page and the API.</summary>
public sealed class UnlockAccount(UserManager<SponaUser> users, IAuditTrail audit, AccountChanges changes)
{
    /// <summary>Ends a lockout from wrong passwords or codes at once (the person may also wait it out).</summary>
    public Task<EditOutcome> UnlockAsync(Guid id, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, UsersOperations.Unlock, null, async user =>
        {
            if (AccountChanges.IsSelf(id, actor))
            {
                return EditOutcome.Invalid("", "You cannot unlock your own account; another administrator must.");
            }

            audit.Add(new AuditEvent("user.unlocked", "Account", user.Id.ToString()));
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }, cancellationToken);
}
