using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Users;

/// <summary>
/// An administrator replaces the roles of another account, stating why; the account's sessions end. Used by the
/// account page and the API.
/// </summary>
public sealed class ChangeUserRoles(AppDbContext db, UserManager<SponaUser> users, IAuditTrail audit, TimeProvider clock, AccountChanges changes)
{
    /// <summary>
    /// Replaces the account's roles. Roles taken away and ordinary roles apply at once; the roles that
    /// oversee (<see cref="RoleGrantRequest.PrivilegedRoles"/>) become requests that another administrator must approve (<see cref="RoleGrantRequest"/>), and have no effect
    /// until then. A pending request for a role no longer wanted is withdrawn.
    /// </summary>
    public Task<EditOutcome> SetRolesAsync(Guid id, IReadOnlyCollection<string> roles, string? reason, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, UsersOperations.RolesChange, reason, async user =>
        {
            var wanted = roles.Distinct(StringComparer.Ordinal).ToList();
            if (RoleGrants.Check(wanted, AccountChanges.IsSelf(id, actor)) is { } problem)
            {
                return EditOutcome.Invalid("Roles", problem);
            }

            var current = await users.GetRolesAsync(user);
            if (current.Contains(Roles.SystemAdministrator) && !wanted.Contains(Roles.SystemAdministrator) && await changes.IsLastActiveAdministratorAsync(user, cancellationToken))
            {
                return EditOutcome.Invalid("Roles", "The last active system administrator keeps that role.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var actorId = AccountChanges.ActorId(actor);
            var pending = await PendingRequestsAsync(id, now, cancellationToken);
            foreach (var request in pending.Where(r => !wanted.Contains(r.Role)))
            {
                request.Withdraw(actorId, now);
            }

            var added = wanted.Except(current).ToList();
            var (direct, privileged) = AccountChanges.Split(added);
            var apply = current.Intersect(wanted).Concat(direct).ToList();
            audit.Add(new AuditEvent("user.roles-changed", "Account", user.Id.ToString(), Changes: AccountChanges.RolesChange(current, apply)));
            await changes.RequestRolesAsync(user.Id, [.. privileged.Where(r => pending.All(p => p.Role != r))], actorId, cancellationToken);
            var result = await users.RemoveFromRolesAsync(user, current.Except(wanted));
            if (result.Succeeded)
            {
                result = await users.AddToRolesAsync(user, direct);
            }

            return result.Succeeded ? null : EditOutcome.Invalid("Roles", IdentityMessages.For(result.Errors.First()));
        }, cancellationToken);

    private async Task<List<RoleGrantRequest>> PendingRequestsAsync(Guid userId, DateTime now, CancellationToken cancellationToken) =>
        await db.Set<RoleGrantRequest>().Where(r => r.UserId == userId && r.Decision == null && r.ExpiresAt > now).ToListAsync(cancellationToken);
}
