using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Users;

/// <summary>
/// An administrator disables another account (its sessions and API tokens stop working at once) or enables it again.
/// Used by the account page and the API.
/// </summary>
public sealed class DisableAccount(UserManager<SponaUser> users, IAuditTrail audit, AccountChanges changes)
{
    public Task<EditOutcome> SetDisabledAsync(Guid id, bool disabled, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, disabled ? UsersOperations.Disable : UsersOperations.Enable, null, async user =>
        {
            if (AccountChanges.IsSelf(id, actor))
            {
                return EditOutcome.Invalid("", "You cannot disable or enable your own account.");
            }

            if (disabled && await users.IsInRoleAsync(user, Roles.SystemAdministrator) && await changes.IsLastActiveAdministratorAsync(user, cancellationToken))
            {
                return EditOutcome.Invalid("", "The last active system administrator cannot be disabled.");
            }

            user.IsDisabled = disabled;
            audit.Add(new AuditEvent(disabled ? "user.disabled" : "user.enabled", "Account", user.Id.ToString()));
            var result = await users.UpdateAsync(user);
            return result.Succeeded ? null : EditOutcome.Conflict;
        }, cancellationToken);
}
