using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Access;

/// <summary>Who the current user is for record scope: their institution and every jurisdiction their scope covers.</summary>
public sealed record UserScope(Guid UserId, Guid InstitutionId, IReadOnlySet<Guid> JurisdictionIds)
{
    public static readonly UserScope Nobody = new(Guid.Empty, Guid.Empty, new HashSet<Guid>());
}

/// <summary>
/// The one mechanism that restricts records to the user's reach (S5). A module applies it in one line:
/// <c>scope.Filter(db.Victims)</c> for lists, search and export, and <c>await scope.CanAccessAsync(victim)</c> (or the
/// resource authorization requirement <see cref="RecordScopeRequirement"/>) for detail and update. A user reaches a
/// record through the owning institution, a jurisdiction within their scope, or an active grant to them or their
/// institution (assignment, referral, break-the-glass).
/// </summary>
public sealed class RecordScope(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    private UserScope? current;

    public async Task<UserScope> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (current is not null)
        {
            return current;
        }

        var principal = http.HttpContext?.User;
        return current = Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            ? await ForUserAsync(userId, cancellationToken)
            : UserScope.Nobody;
    }

    /// <summary>The scope of any account (for background work and tests); a disabled or unknown account reaches nothing.</summary>
    public async Task<UserScope> ForUserAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && !u.IsDisabled)
            .Select(u => new { u.InstitutionId, u.JurisdictionId }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return UserScope.Nobody;
        }

        var covered = new HashSet<Guid>();
        if (user.JurisdictionId is { } root)
        {
            var all = await db.Jurisdictions.AsNoTracking().Select(j => new { j.Id, j.ParentId, j.RegionId }).ToListAsync(cancellationToken);
            covered.Add(root);
            // Everything below the user's jurisdiction: children by parent, and municipalities by RS region.
            bool added;
            do
            {
                added = false;
                foreach (var j in all.Where(j => !covered.Contains(j.Id) && ((j.ParentId is { } p && covered.Contains(p)) || (j.RegionId is { } r && covered.Contains(r)))))
                {
                    added |= covered.Add(j.Id);
                }
            }
            while (added);
        }

        return new UserScope(userId, user.InstitutionId, covered);
    }

    /// <summary>Only the records the current user reaches. Translates to SQL on both providers.</summary>
    public IQueryable<T> Filter<T>(IQueryable<T> records, UserScope scope)
        where T : class, IScopedRecord
    {
        var jurisdictions = scope.JurisdictionIds.ToList();
        var grants = ActiveGrants(T.RecordType, scope);
        return records.Where(r => r.OwnerInstitutionId == scope.InstitutionId
            || (r.JurisdictionId != null && jurisdictions.Contains(r.JurisdictionId.Value))
            || grants.Any(g => g.RecordId == r.Id));
    }

    public async Task<IQueryable<T>> FilterAsync<T>(IQueryable<T> records, CancellationToken cancellationToken = default)
        where T : class, IScopedRecord =>
        Filter(records, await CurrentAsync(cancellationToken));

    /// <summary>Whether the current user reaches this one record (detail, update, export of one).</summary>
    public async Task<bool> CanAccessAsync<T>(T record, CancellationToken cancellationToken = default)
        where T : class, IScopedRecord =>
        await CanAccessAsync(record, await CurrentAsync(cancellationToken), cancellationToken);

    public async Task<bool> CanAccessAsync<T>(T record, UserScope scope, CancellationToken cancellationToken = default)
        where T : class, IScopedRecord
    {
        if (scope.UserId == Guid.Empty)
        {
            return false;
        }

        if (record.OwnerInstitutionId == scope.InstitutionId || (record.JurisdictionId is { } j && scope.JurisdictionIds.Contains(j)))
        {
            return true;
        }

        return await HasGrantAsync(T.RecordType, record.Id, scope, cancellationToken);
    }

    public Task<bool> HasGrantAsync(string recordType, Guid recordId, UserScope scope, CancellationToken cancellationToken = default) =>
        ActiveGrants(recordType, scope).AnyAsync(g => g.RecordId == recordId, cancellationToken);

    /// <summary>The one definition of a grant in force for this user now: the list filter and the single check share it.</summary>
    private IQueryable<RecordAccessGrant> ActiveGrants(string recordType, UserScope scope)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<RecordAccessGrant>().Where(g => g.RecordType == recordType && g.RevokedAt == null && g.ValidFrom <= now
            && (g.ValidUntil == null || g.ValidUntil > now)
            && (g.GranteeUserId == scope.UserId || g.GranteeInstitutionId == scope.InstitutionId));
    }
}
