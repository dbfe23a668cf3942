using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Users;

/// <summary>
/// What the account use cases (<see cref="InviteUser"/>, <see cref="ChangeUserRoles"/>, <see cref="DecideRoleRequest"/>,
/// <see cref="UnlockAccount"/>, <see cref="DisableAccount"/>, <see cref="ResetSecondFactor"/>,
/// <see cref="IssueActivationLink"/>) share. Every change that alters what an account may do changes its security stamp,
/// so its sessions end at once (S3); account changes are decided one after the other. Nobody changes their own account
/// through them. Public only because the public use cases take it in their constructors; its members are internal.
/// </summary>
public sealed class AccountChanges(AppDbContext db, UserManager<SponaUser> users, IAuditTrail audit, TimeProvider clock, ActivationMail activationMail, Notifier notifier)
{
    /// <summary>The PostgreSQL advisory lock that serialises account changes ("spona-ac").</summary>
    private const long AccountChangeLockKey = 0x73706F6E612D6163;

    /// <summary>
    /// Runs one change of an account: the account is read, every rule checked and every write made in one transaction,
    /// and account changes are decided one after the other (on SQLite the transaction is IMMEDIATE and so excludes other
    /// writers; PostgreSQL takes <see cref="AccountChangeLockKey"/>). Without that, two administrators disabling each
    /// other at once would each see the other still active and leave no administrator. Nothing is committed unless
    /// every step succeeded, the new security stamp (which ends the account's sessions) included.
    /// </summary>
    internal async Task<EditOutcome> ChangeAsync(
        Guid id, AuditOperationType operationType, string? reason, Func<SponaUser, Task<EditOutcome?>> change, CancellationToken cancellationToken,
        bool renewStampAlways = false, Func<SponaUser, Task>? beforeCommit = null)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (operationType.RequiresReason && reason is null)
        {
            return EditOutcome.Invalid("Reason", "State the reason for this change.");
        }

        if (reason is { Length: > AuditOperationType.MaxReasonLength })
        {
            return EditOutcome.Invalid("Reason", "The reason can have at most 2000 characters.");
        }

        // A change that is refused or fails half-way leaves no audit entry saying that it happened; every entry of the
        // change carries the operation, and its reason is kept encrypted beside the trail (ADR 0022).
        using var auditChange = audit.BeginOperation(operationType.Code, reason);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(
                string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({AccountChangeLockKey})"), cancellationToken);
        }

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return EditOutcome.NotFound;
        }

        if (await change(user) is { } problem)
        {
            return problem;
        }

        // Whatever changed, the account's sessions end now (S3); if that fails, nothing of the change is kept. An
        // account that has never set a password has no session and no token to end, and renewing its stamp would kill
        // the activation link it was handed (a role approved before the person activates, say); a new activation link
        // always renews it, to kill the earlier link.
        if (user.PasswordHash is not null || renewStampAlways)
        {
            if (!(await users.UpdateSecurityStampAsync(user)).Succeeded)
            {
                return EditOutcome.Conflict;
            }
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        if (beforeCommit is not null)
        {
            await beforeCommit(user);
        }

        await transaction.CommitAsync(cancellationToken);
        auditChange.Complete();
        return EditOutcome.Done(id.ToString());
    }

    /// <summary>
    /// Opens the requests and tells the other administrators of the asking administrator's institution that a role
    /// waits for their approval (a notice that commits with the requests).
    /// </summary>
    internal async Task RequestRolesAsync(Guid userId, List<string> roles, Guid requestedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var role in roles)
        {
            db.Add(RoleGrantRequest.Open(userId, role, requestedBy, now));
            audit.Add(new AuditEvent("user.role-requested", "Account", userId.ToString(), Reason: role));
        }

        if (roles.Count > 0)
        {
            var institution = await db.Users.Where(u => u.Id == requestedBy).Select(u => u.InstitutionId).FirstAsync(cancellationToken);
            await notifier.NotifyInstitutionAsync(institution, UsersPermissions.Manage, UsersModule.RoleRequested, $"Account:{userId}", $"/admin/users/{userId}", except: requestedBy, cancellationToken);
        }
    }

    internal static (List<string> Direct, List<string> Privileged) Split(IEnumerable<string> roles)
    {
        var all = roles.ToList();
        return ([.. all.Where(r => !RoleGrantRequest.PrivilegedRoles.Contains(r))], [.. all.Where(RoleGrantRequest.PrivilegedRoles.Contains)]);
    }

    internal static Guid ActorId(ClaimsPrincipal actor) =>
        Guid.TryParse(actor.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : throw new InvalidOperationException("An administrator action needs a signed-in administrator.");

    internal static bool IsSelf(Guid id, ClaimsPrincipal actor) =>
        Guid.TryParse(actor.FindFirstValue(ClaimTypes.NameIdentifier), out var me) && me == id;

    internal static string RolesChange(IEnumerable<string> before, IEnumerable<string> after) =>
        System.Text.Json.JsonSerializer.Serialize(new[] { new { field = "Roles", old = string.Join(' ', before.Order(StringComparer.Ordinal)), @new = string.Join(' ', after.Order(StringComparer.Ordinal)) } });

    internal async Task<bool> IsLastActiveAdministratorAsync(SponaUser user, CancellationToken cancellationToken)
    {
        var others = await db.Users.CountAsync(
            u => u.Id != user.Id && !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.SystemAdministrator)),
            cancellationToken);
        return others == 0;
    }

    /// <summary>
    /// Makes the link inside the change's transaction (after the new security stamp, which the token is bound to) and,
    /// when e-mail is on, queues the mail in the same transaction: it is sent if and only if the change commits.
    /// </summary>
    internal async Task<ActivationLink> DeliverLinkAsync(SponaUser user, LinkDelivery delivery, bool invitation, CancellationToken cancellationToken)
    {
        var url = delivery.BaseUrl + await ActivationPathAsync(user);
        if (!activationMail.Sends)
        {
            return new ActivationLink(url, Emailed: false);
        }

        activationMail.Queue(user, url, invitation, delivery.AdministratorCulture);
        audit.Add(new AuditEvent("user.activation-link-emailed", "Account", user.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return new ActivationLink(null, Emailed: true);
    }

    internal ActivationLink Sent(ActivationLink link)
    {
        if (link.Emailed)
        {
            activationMail.WakeSender();
        }

        return link;
    }

    private async Task<string> ActivationPathAsync(SponaUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return $"/account/activate?user={user.Id}&token={Uri.EscapeDataString(token)}";
    }
}
