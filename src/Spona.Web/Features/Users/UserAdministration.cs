using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Protection;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Users;

/// <summary>
/// What administrators do with accounts: list, invite, change roles, disable and enable, reset the second factor,
/// issue a new activation (password) link. Every change that alters what an account may do changes its security stamp,
/// so its sessions end at once (S3). Nobody changes their own account here.
/// </summary>
public sealed class UserAdministration(AppDbContext db, UserManager<SponaUser> users, IAuditTrail audit, RecordReads reads, TimeProvider clock, ActivationMail activationMail, Notifier notifier)
{
    /// <summary>The PostgreSQL advisory lock that serialises account changes ("spona-ac").</summary>
    private const long AccountChangeLockKey = 0x73706F6E612D6163;

    /// <summary>The record type of an account in the audit trail.</summary>
    public const string AccountRecord = "Account";

    public async Task<PagedResult<UserView>> ListAsync(UserQuery query, CancellationToken cancellationToken)
    {
        var (page, pageSize) = PagedResult<UserView>.Normalize(query.Page, query.PageSize);
        var rows = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Part of the e-mail address, or every word of the name in any script, with or without diacritics
            // ("Šarić", "Saric", "Шарић"), through the name's folded blind indexes (ADR 0019).
            var needle = query.Search.Trim().ToUpperInvariant();
            var byName = db.Users.WhereBlindIndexHasWords(db, u => u.DisplayName, query.Search).Select(u => u.Id);
            rows = rows.Where(u => u.NormalizedEmail!.Contains(needle) || byName.Contains(u.Id));
        }

        if (!string.IsNullOrEmpty(query.Role))
        {
            rows = rows.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == query.Role)));
        }

        if (!string.IsNullOrEmpty(query.Institution))
        {
            rows = rows.Where(u => db.Institutions.Any(i => i.Id == u.InstitutionId && i.Code == query.Institution));
        }

        rows = query.Status switch
        {
            "active" => rows.Where(u => !u.IsDisabled),
            "disabled" => rows.Where(u => u.IsDisabled),
            _ => rows,
        };
        rows = query.Sort switch
        {
            "-email" => rows.OrderByDescending(u => u.NormalizedEmail),
            "created" => rows.OrderBy(u => u.CreatedAt).ThenBy(u => u.NormalizedEmail),
            "-created" => rows.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.NormalizedEmail),
            _ => rows.OrderBy(u => u.NormalizedEmail),
        };
        var total = await rows.CountAsync(cancellationToken);
        var pageRows = await rows.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        reads.Shown(AccountRecord, pageRows.Select(u => u.Id));
        return new PagedResult<UserView>(await ViewsAsync(pageRows, cancellationToken), page, pageSize, total);
    }

    public async Task<UserView?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is not null)
        {
            reads.Shown(AccountRecord, user.Id.ToString());
        }

        return user is null ? null : (await ViewsAsync([user], cancellationToken))[0];
    }

    /// <summary>
    /// Creates the account and its activation link. When Spona sends e-mail the link goes to the person in a mail that
    /// commits with the account, and the administrator is told only that it was sent; otherwise the administrator gets
    /// the link to hand over.
    /// </summary>
    public async Task<(EditOutcome Outcome, ActivationLink? Link)> InviteAsync(InviteInput input, ClaimsPrincipal actor, LinkDelivery delivery, CancellationToken cancellationToken)
    {
        var roles = input.Roles.Distinct(StringComparer.Ordinal).ToList();
        if (RoleGrants.Check(roles, ownAccount: false) is { } roleProblem)
        {
            return (EditOutcome.Invalid(nameof(InviteInput.Roles), roleProblem), null);
        }

        var institutionId = await db.Institutions.Where(i => i.Code == input.Institution && i.IsActive).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
        if (institutionId is null)
        {
            return (EditOutcome.Invalid(nameof(InviteInput.Institution), "Choose an institution from the list."), null);
        }

        Guid? jurisdictionId = null;
        if (!string.IsNullOrEmpty(input.Jurisdiction))
        {
            jurisdictionId = await db.Jurisdictions.Where(j => j.Code == input.Jurisdiction).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(cancellationToken);
            if (jurisdictionId is null)
            {
                return (EditOutcome.Invalid(nameof(InviteInput.Jurisdiction), "Choose a jurisdiction from the list."), null);
            }
        }

        var email = input.Email.Trim();
        using var operation = audit.BeginOperation(UsersOperations.Invite.Code);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new SponaUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = input.DisplayName.Trim(),
            InstitutionId = institutionId.Value,
            JurisdictionId = jurisdictionId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user);
        if (result.Succeeded)
        {
            // The roles that oversee wait for a second administrator (S15); the rest apply now.
            var (direct, privileged) = Split(roles);
            audit.Add(new AuditEvent("user.invited", "Account", user.Id.ToString(), Changes: RolesChange([], direct)));
            result = await users.AddToRolesAsync(user, direct);
            if (result.Succeeded && privileged.Count > 0)
            {
                await RequestRolesAsync(user.Id, privileged, ActorId(actor), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        if (!result.Succeeded)
        {
            var field = result.Errors.Any(e => e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal)) ? nameof(InviteInput.Email) : "";
            return (EditOutcome.Invalid(field, IdentityMessages.For(result.Errors.First())), null);
        }

        var link = await DeliverLinkAsync(user, delivery, invitation: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        operation.Complete();
        return (EditOutcome.Done(user.Id.ToString()), Sent(link));
    }

    /// <summary>
    /// Replaces the account's roles. Roles taken away and ordinary roles apply at once; the roles that
    /// oversee (<see cref="RoleGrantRequest.PrivilegedRoles"/>) become requests that another administrator must approve (<see cref="RoleGrantRequest"/>), and have no effect
    /// until then. A pending request for a role no longer wanted is withdrawn.
    /// </summary>
    public Task<EditOutcome> SetRolesAsync(Guid id, IReadOnlyCollection<string> roles, string? reason, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, UsersOperations.RolesChange, reason, async user =>
        {
            var wanted = roles.Distinct(StringComparer.Ordinal).ToList();
            if (RoleGrants.Check(wanted, IsSelf(id, actor)) is { } problem)
            {
                return EditOutcome.Invalid("Roles", problem);
            }

            var current = await users.GetRolesAsync(user);
            if (current.Contains(Roles.SystemAdministrator) && !wanted.Contains(Roles.SystemAdministrator) && await IsLastActiveAdministratorAsync(user, cancellationToken))
            {
                return EditOutcome.Invalid("Roles", "The last active system administrator keeps that role.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var actorId = ActorId(actor);
            var pending = await PendingRequestsAsync(id, now, cancellationToken);
            foreach (var request in pending.Where(r => !wanted.Contains(r.Role)))
            {
                request.Withdraw(actorId, now);
            }

            var added = wanted.Except(current).ToList();
            var (direct, privileged) = Split(added);
            var apply = current.Intersect(wanted).Concat(direct).ToList();
            audit.Add(new AuditEvent("user.roles-changed", "Account", user.Id.ToString(), Changes: RolesChange(current, apply)));
            await RequestRolesAsync(user.Id, [.. privileged.Where(r => pending.All(p => p.Role != r))], actorId, cancellationToken);
            var result = await users.RemoveFromRolesAsync(user, current.Except(wanted));
            if (result.Succeeded)
            {
                result = await users.AddToRolesAsync(user, direct);
            }

            return result.Succeeded ? null : EditOutcome.Invalid("Roles", IdentityMessages.For(result.Errors.First()));
        }, cancellationToken);

    /// <summary>Role requests that wait for a second administrator, oldest first.</summary>
    public async Task<IReadOnlyList<RoleGrantRequestView>> PendingRoleRequestsAsync(Guid? userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<RoleGrantRequest>().AsNoTracking()
            .Where(r => r.Decision == null && r.ExpiresAt > now && (userId == null || r.UserId == userId))
            .OrderBy(r => r.RequestedAt)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r, u.Email })
            .Join(db.Users, x => x.r.RequestedById, u => u.Id, (x, u) => new RoleGrantRequestView(x.r.Id, x.r.UserId, x.Email!, x.r.Role, x.r.RequestedById, u.Email!, x.r.RequestedAt, x.r.ExpiresAt))
            .Take(500)
            .ToListAsync(cancellationToken);
        reads.Shown(AccountRecord, rows.SelectMany(r => new[] { r.UserId, r.RequestedById }));
        return rows;
    }

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

        return await ChangeAsync(request.UserId, UsersOperations.RoleDecision, null, async user =>
        {
            // Read again inside the change's transaction (and, on PostgreSQL, its lock): of two administrators deciding
            // at once, the second sees the first decision.
            await db.Entry(request).ReloadAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            // A broken rule (the one who asked approves, a decided or lapsed request) throws, the transaction is rolled
            // back, and the rule filter shows it: a 409 problem on the API, a form error on the page.
            if (approve)
            {
                request.Approve(ActorId(actor), now);
            }
            else
            {
                request.Reject(ActorId(actor), now);
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
                Changes: RolesChange(current, current.Append(request.Role).Distinct(StringComparer.Ordinal))));
            var result = current.Contains(request.Role) ? IdentityResult.Success : await users.AddToRoleAsync(user, request.Role);
            return result.Succeeded ? null : EditOutcome.Invalid("", IdentityMessages.For(result.Errors.First()));
        }, cancellationToken);
    }

    /// <summary>
    /// Opens the requests and tells the other administrators of the asking administrator's institution that a role
    /// waits for their approval (a notice that commits with the requests).
    /// </summary>
    private async Task RequestRolesAsync(Guid userId, List<string> roles, Guid requestedBy, CancellationToken cancellationToken)
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

    private async Task<List<RoleGrantRequest>> PendingRequestsAsync(Guid userId, DateTime now, CancellationToken cancellationToken) =>
        await db.Set<RoleGrantRequest>().Where(r => r.UserId == userId && r.Decision == null && r.ExpiresAt > now).ToListAsync(cancellationToken);

    private static (List<string> Direct, List<string> Privileged) Split(IEnumerable<string> roles)
    {
        var all = roles.ToList();
        return ([.. all.Where(r => !RoleGrantRequest.PrivilegedRoles.Contains(r))], [.. all.Where(RoleGrantRequest.PrivilegedRoles.Contains)]);
    }

    private static Guid ActorId(ClaimsPrincipal actor) =>
        Guid.TryParse(actor.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : throw new InvalidOperationException("An administrator action needs a signed-in administrator.");

    /// <summary>Ends a lockout from wrong passwords or codes at once (the person may also wait it out).</summary>
    public Task<EditOutcome> UnlockAsync(Guid id, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, UsersOperations.Unlock, null, async user =>
        {
            if (IsSelf(id, actor))
            {
                return EditOutcome.Invalid("", "You cannot unlock your own account; another administrator must.");
            }

            audit.Add(new AuditEvent("user.unlocked", "Account", user.Id.ToString()));
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }, cancellationToken);

    public Task<EditOutcome> SetDisabledAsync(Guid id, bool disabled, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, disabled ? UsersOperations.Disable : UsersOperations.Enable, null, async user =>
        {
            if (IsSelf(id, actor))
            {
                return EditOutcome.Invalid("", "You cannot disable or enable your own account.");
            }

            if (disabled && await users.IsInRoleAsync(user, Roles.SystemAdministrator) && await IsLastActiveAdministratorAsync(user, cancellationToken))
            {
                return EditOutcome.Invalid("", "The last active system administrator cannot be disabled.");
            }

            user.IsDisabled = disabled;
            audit.Add(new AuditEvent(disabled ? "user.disabled" : "user.enabled", "Account", user.Id.ToString()));
            var result = await users.UpdateAsync(user);
            return result.Succeeded ? null : EditOutcome.Conflict;
        }, cancellationToken);

    /// <summary>Removes the authenticator and the recovery codes; the account sets up a new one at its next sign-in.</summary>
    public Task<EditOutcome> ResetSecondFactorAsync(Guid id, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, UsersOperations.ResetSecondFactor, null, async user =>
        {
            if (IsSelf(id, actor))
            {
                return EditOutcome.Invalid("", "You cannot reset your own second factor; another administrator must.");
            }

            audit.Add(new AuditEvent("user.second-factor-reset", "Account", user.Id.ToString()));
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
            await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
            return null;
        }, cancellationToken);

    /// <summary>
    /// A link with which the account sets a (new) password; valid three days, once. It also ends a lockout, and any
    /// earlier link dies. The token is made after the security stamp changed: a token made before would be dead on
    /// arrival, because Identity binds it to the stamp.
    /// </summary>
    public async Task<(EditOutcome Outcome, ActivationLink? Link)> NewActivationLinkAsync(Guid id, ClaimsPrincipal actor, LinkDelivery delivery, CancellationToken cancellationToken)
    {
        ActivationLink? link = null;
        var outcome = await ChangeAsync(id, UsersOperations.ActivationLink, null, async user =>
        {
            if (IsSelf(id, actor))
            {
                return EditOutcome.Invalid("", "Change your own password on your account page.");
            }

            audit.Add(new AuditEvent("user.activation-link", "Account", user.Id.ToString()));
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }, cancellationToken, renewStampAlways: true, beforeCommit: async user => link = await DeliverLinkAsync(user, delivery, invitation: false, cancellationToken));
        return outcome.Status == EditStatus.Done ? (outcome, Sent(link!)) : (outcome, null);
    }

    /// <summary>
    /// Makes the link inside the change's transaction (after the new security stamp, which the token is bound to) and,
    /// when e-mail is on, queues the mail in the same transaction: it is sent if and only if the change commits.
    /// </summary>
    private async Task<ActivationLink> DeliverLinkAsync(SponaUser user, LinkDelivery delivery, bool invitation, CancellationToken cancellationToken)
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

    private ActivationLink Sent(ActivationLink link)
    {
        if (link.Emailed)
        {
            activationMail.WakeSender();
        }

        return link;
    }

    /// <summary>
    /// Runs one change of an account: the account is read, every rule checked and every write made in one transaction,
    /// and account changes are decided one after the other (on SQLite the transaction is IMMEDIATE and so excludes other
    /// writers; PostgreSQL takes <see cref="AccountChangeLockKey"/>). Without that, two administrators disabling each
    /// other at once would each see the other still active and leave no administrator. Nothing is committed unless
    /// every step succeeded, the new security stamp (which ends the account's sessions) included.
    /// </summary>
    private async Task<EditOutcome> ChangeAsync(
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

    private static string RolesChange(IEnumerable<string> before, IEnumerable<string> after) =>
        System.Text.Json.JsonSerializer.Serialize(new[] { new { field = "Roles", old = string.Join(' ', before.Order(StringComparer.Ordinal)), @new = string.Join(' ', after.Order(StringComparer.Ordinal)) } });

    private async Task<string> ActivationPathAsync(SponaUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return $"/account/activate?user={user.Id}&token={Uri.EscapeDataString(token)}";
    }

    private async Task<bool> IsLastActiveAdministratorAsync(SponaUser user, CancellationToken cancellationToken)
    {
        var others = await db.Users.CountAsync(
            u => u.Id != user.Id && !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.SystemAdministrator)),
            cancellationToken);
        return others == 0;
    }

    private static bool IsSelf(Guid id, ClaimsPrincipal actor) =>
        Guid.TryParse(actor.FindFirstValue(ClaimTypes.NameIdentifier), out var me) && me == id;

    private async Task<IReadOnlyList<UserView>> ViewsAsync(IReadOnlyList<SponaUser> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        // Only the institutions and jurisdictions these accounts belong to: loading whole reference tables made one
        // account's view cost about 10 ms of CPU (bench/audited-read.sh).
        var institutionIds = rows.Select(u => u.InstitutionId).Distinct().ToList();
        var jurisdictionIds = rows.Where(u => u.JurisdictionId is not null).Select(u => u.JurisdictionId!.Value).Distinct().ToList();
        var institutions = await db.Institutions.AsNoTracking().Where(i => institutionIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var jurisdictions = await db.Jurisdictions.AsNoTracking().Where(j => jurisdictionIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, cancellationToken);
        // Reference data carries its own translations: names come in the language of the request (page or API).
        var culture = SupportedCultures.Normalize(CultureInfo.CurrentUICulture);
        var now = clock.GetUtcNow();
        var utcNow = now.UtcDateTime;
        var pending = await db.Set<RoleGrantRequest>().AsNoTracking()
            .Where(r => ids.Contains(r.UserId) && r.Decision == null && r.ExpiresAt > utcNow)
            .Select(r => new { r.Id, r.UserId, r.Role, r.RequestedById, r.RequestedAt, r.ExpiresAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(u => new UserView(
            u.Id, u.Email!, u.DisplayName,
            institutions[u.InstitutionId].Code, institutions[u.InstitutionId].DisplayName(culture),
            u.JurisdictionId is { } j ? jurisdictions[j].Code : null, u.JurisdictionId is { } k ? jurisdictions[k].DisplayName(culture) : null,
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(r => Roles.All.ToList().IndexOf(r))],
            u.TwoFactorEnabled, u.IsDisabled, u.PasswordHash is not null, u.LockoutEnd is { } end && end > now, u.CreatedAt,
            [.. pending.Where(p => p.UserId == u.Id).OrderBy(p => p.RequestedAt).Select(p => new PendingRole(p.Id, p.Role, p.RequestedById, p.RequestedAt, p.ExpiresAt))],
            !u.NoticeEmailsOff))];
    }
}

public sealed record RoleChoices(IReadOnlyCollection<string> Selected, string FieldName, IReadOnlyCollection<string>? Pending = null);

public sealed record UserQuery(string? Search, string? Role, string? Institution, string? Status, string? Sort, int? Page, int? PageSize = null);

/// <summary>An account as pages and the API show it; institution and jurisdiction names are in the request's language.</summary>
public sealed record UserView(
    Guid Id, string Email, string DisplayName, string InstitutionCode, string InstitutionName, string? JurisdictionCode, string? JurisdictionName,
    IReadOnlyList<string> Roles, bool TwoFactorEnabled, bool IsDisabled, bool IsActivated, bool IsLockedOut, DateTime CreatedAt,
    IReadOnlyList<PendingRole> PendingRoles, bool NoticeEmails);

/// <summary>A privileged role that waits for a second administrator's approval; it has no effect yet.</summary>
public sealed record PendingRole(Guid RequestId, string Role, Guid RequestedById, DateTime RequestedAt, DateTime ExpiresAt);

public sealed record RoleGrantRequestView(Guid Id, Guid UserId, string UserEmail, string Role, Guid RequestedById, string RequestedByEmail, DateTime RequestedAt, DateTime ExpiresAt);
