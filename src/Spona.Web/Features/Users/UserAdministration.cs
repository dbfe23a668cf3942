using System.Globalization;
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
/// What administrators do with accounts: list, invite, change roles, disable and enable, reset the second factor,
/// issue a new activation (password) link. Every change that alters what an account may do changes its security stamp,
/// so its sessions end at once (S3). Nobody changes their own account here.
/// </summary>
public sealed class UserAdministration(AppDbContext db, UserManager<SponaUser> users, IAuditTrail audit, TimeProvider clock)
{
    /// <summary>The PostgreSQL advisory lock that serialises account changes ("spona-ac").</summary>
    private const long AccountChangeLockKey = 0x73706F6E612D6163;

    public async Task<PagedResult<UserView>> ListAsync(UserQuery query, CancellationToken cancellationToken)
    {
        var (page, pageSize) = PagedResult<UserView>.Normalize(query.Page, query.PageSize);
        var rows = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var needle = query.Search.Trim().ToUpperInvariant();
            rows = rows.Where(u => u.NormalizedEmail!.Contains(needle));
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
        return new PagedResult<UserView>(await ViewsAsync(pageRows, cancellationToken), page, pageSize, total);
    }

    public async Task<UserView?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? null : (await ViewsAsync([user], cancellationToken))[0];
    }

    public async Task<(EditOutcome Outcome, string? ActivationPath)> InviteAsync(InviteInput input, CancellationToken cancellationToken)
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
            audit.Add(new AuditEvent("user.invited", "Account", user.Id.ToString(), Changes: RolesChange([], roles)));
            result = await users.AddToRolesAsync(user, roles);
        }

        if (!result.Succeeded)
        {
            var field = result.Errors.Any(e => e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal)) ? nameof(InviteInput.Email) : "";
            return (EditOutcome.Invalid(field, IdentityMessages.For(result.Errors.First())), null);
        }

        await transaction.CommitAsync(cancellationToken);
        return (EditOutcome.Done(user.Id.ToString()), await ActivationPathAsync(user));
    }

    public Task<EditOutcome> SetRolesAsync(Guid id, IReadOnlyCollection<string> roles, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, async user =>
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

            audit.Add(new AuditEvent("user.roles-changed", "Account", user.Id.ToString(), Changes: RolesChange(current, wanted)));
            var result = await users.RemoveFromRolesAsync(user, current.Except(wanted));
            if (result.Succeeded)
            {
                result = await users.AddToRolesAsync(user, wanted.Except(current));
            }

            return result.Succeeded ? null : EditOutcome.Invalid("Roles", IdentityMessages.For(result.Errors.First()));
        }, cancellationToken);

    public Task<EditOutcome> SetDisabledAsync(Guid id, bool disabled, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, async user =>
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
        ChangeAsync(id, async user =>
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

    /// <summary>A link with which the account sets a (new) password; valid three days, once.</summary>
    public async Task<(EditOutcome Outcome, string? ActivationPath)> NewActivationLinkAsync(Guid id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        string? path = null;
        var outcome = await ChangeAsync(id, async user =>
        {
            if (IsSelf(id, actor))
            {
                return EditOutcome.Invalid("", "Change your own password on your account page.");
            }

            audit.Add(new AuditEvent("user.activation-link", "Account", user.Id.ToString()));
            path = await ActivationPathAsync(user);
            return null;
        }, cancellationToken);
        return (outcome, path);
    }

    /// <summary>
    /// Runs one change of an account: the account is read, every rule checked and every write made in one transaction,
    /// and account changes are decided one after the other (on SQLite the transaction is IMMEDIATE and so excludes other
    /// writers; PostgreSQL takes <see cref="AccountChangeLockKey"/>). Without that, two administrators disabling each
    /// other at once would each see the other still active and leave no administrator. Nothing is committed unless
    /// every step succeeded, the new security stamp (which ends the account's sessions) included.
    /// </summary>
    private async Task<EditOutcome> ChangeAsync(Guid id, Func<SponaUser, Task<EditOutcome?>> change, CancellationToken cancellationToken)
    {
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

        // Whatever changed, the account's sessions end now (S3); if that fails, nothing of the change is kept.
        if (!(await users.UpdateSecurityStampAsync(user)).Succeeded)
        {
            return EditOutcome.Conflict;
        }

        await transaction.CommitAsync(cancellationToken);
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
        var institutions = await db.Institutions.AsNoTracking().Select(i => new { i.Id, i.Code, i.Name }).ToDictionaryAsync(i => i.Id, cancellationToken);
        var jurisdictions = await db.Jurisdictions.AsNoTracking().Select(j => new { j.Id, j.Code, j.Name }).ToDictionaryAsync(j => j.Id, cancellationToken);
        var now = clock.GetUtcNow();
        return [.. rows.Select(u => new UserView(
            u.Id, u.Email!, u.DisplayName,
            institutions[u.InstitutionId].Code, institutions[u.InstitutionId].Name,
            u.JurisdictionId is { } j ? jurisdictions[j].Code : null, u.JurisdictionId is { } k ? jurisdictions[k].Name : null,
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(r => Roles.All.ToList().IndexOf(r))],
            u.TwoFactorEnabled, u.IsDisabled, u.PasswordHash is not null, u.LockoutEnd is { } end && end > now, u.CreatedAt))];
    }
}

public sealed record RoleChoices(IReadOnlyCollection<string> Selected, string FieldName);

public sealed record UserQuery(string? Search, string? Role, string? Institution, string? Status, string? Sort, int? Page, int? PageSize = null);

public sealed record UserView(
    Guid Id, string Email, string DisplayName, string InstitutionCode, string InstitutionName, string? JurisdictionCode, string? JurisdictionName,
    IReadOnlyList<string> Roles, bool TwoFactorEnabled, bool IsDisabled, bool IsActivated, bool IsLockedOut, DateTime CreatedAt);
