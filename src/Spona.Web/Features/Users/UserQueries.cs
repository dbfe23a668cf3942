using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Protection;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Users;

/// <summary>
/// What administrators read about accounts: the filtered, paged list, one account, and the role requests that wait for a
/// second administrator. Every account shown is recorded as read (<see cref="AccountRecord"/>). Used by the pages and
/// the API alike.
/// </summary>
public sealed class UserQueries(AppDbContext db, RecordReads reads, TimeProvider clock)
{
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
