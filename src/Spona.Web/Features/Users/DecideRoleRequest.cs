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
/// A second administrator approves or refuses a role that waits for approval (S15). Used by the account page and the API.
/// </summary>
public sealed class DecideRoleRequest(AppDbContext db, UserManager<SponaUser> users, IAuditTrail audit, TimeProvider clock, AccountChanges changes)
{
    /// <summary>
    /// A second administrator approves a pending request: the role is assigned now and the account's sessions end.
    /// Never the administrator who asked, never the receiving account.
    /// </summary>
    public Task<EditOutcome> ApproveRoleAsync(Guid requestId, ClaimsPrincipal actor, CancellationToken cancellationToken, Guid? accountId = null) =>
        DecideRoleAsync(requestId, actor, approve: true, accountId, cancellationToken);

    /// <summary>Refuses a pending request (or withdraws it, when the one who asked refuses it).</summary>
    public Task<EditOutcome> RejectRoleAsync(Guid requestId, ClaimsPrincipal actor, CancellationToken cancellationToken, Guid? accountId = null) =>
        DecideRoleAsync(requestId, actor, approve: false, accountId, cancellationToken);

    private async Task<EditOutcome> DecideRoleAsync(Guid requestId, ClaimsPrincipal actor, bool approve, Guid? accountId, CancellationToken cancellationToken)
    {
        var request = await db.Set<RoleGrantRequest>().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || (accountId is not null && request.UserId != accountId))
        {
            return EditOutcome.NotFound;
        }

        return await changes.ChangeAsync(request.UserId, UsersOperations.RoleDecision, null, async user =>
        {
            // Read again inside the change's transaction (and, on PostgreSQL, its lock): of two administrators deciding
            // at once, the second sees the first decision.
            await db.Entry(request).ReloadAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            // A broken rule (the one who asked approves, a decided or lapsed request) throws, the transaction is rolled
            // back, and the rule filter shows it: a 409 problem on the API, a form error on the page.
            if (approve)
            {
                request.Approve(AccountChanges.ActorId(actor), now);
            }
            else
            {
                request.Reject(AccountChanges.ActorId(actor), now);
            }

            if (!approve)
            {
                audit.Add(new AuditEvent("user.role-request-" + request.Decision!.Value.ToString().ToLowerInvariant(), "Account", user.Id.ToString(), Reason: request.Role));
                return null;
            }

            if (user.IsDisabled)
            {
                return EditOutcome.Invalid("", "The account is disabled. Enable it before approving a role.");
            }

            var current = await users.GetRolesAsync(user);
            if (RoleGrants.Check([.. current.Append(request.Role).Distinct(StringComparer.Ordinal)], ownAccount: false) is { } problem)
            {
                return EditOutcome.Invalid("", problem);
            }

            audit.Add(new AuditEvent("user.role-approved", "Account", user.Id.ToString(), Reason: $"requested by {request.RequestedById}",
                Changes: AccountChanges.RolesChange(current, current.Append(request.Role).Distinct(StringComparer.Ordinal))));
            var result = current.Contains(request.Role) ? IdentityResult.Success : await users.AddToRoleAsync(user, request.Role);
            return result.Succeeded ? null : EditOutcome.Invalid("", IdentityMessages.For(result.Errors.First()));
        }, cancellationToken);
    }
}
