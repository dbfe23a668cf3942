using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Access;

/// <summary>Who the current user is for record scope: their institution and every jurisdiction their scope covers.</summary>
public sealed record UserScope(Guid UserId, Guid InstitutionId, IReadOnlySet<Guid> JurisdictionIds)
{
    public static readonly UserScope Nobody = new(Guid.Empty, Guid.Empty, new HashSet<Guid>());
}

/// <summary>
/// The rule that restricts records to a user's reach (S5): the owning institution, a jurisdiction within their scope,
/// or an active grant to them or their institution (assignment, referral, break-the-glass). Every query of a scoped
/// type is filtered by it for the current user without asking (the <see cref="ScopeFilter"/> query filter); this
/// class answers the same question for one record or for another account's scope.
/// </summary>
public sealed class RecordScope(AppDbContext db, CurrentUser user, JurisdictionTree jurisdictions, TimeProvider clock)
{
    /// <summary>The current user's scope (computed once per request by <see cref="CurrentUser"/>).</summary>
    public Task<UserScope> CurrentAsync(CancellationToken cancellationToken = default) => Task.FromResult(user.Scope);

    /// <summary>The scope of any account (for background work and tests); a disabled or unknown account reaches nothing.</summary>
    public async Task<UserScope> ForUserAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId && !u.IsDisabled)
            .Select(u => new { u.InstitutionId, u.JurisdictionId }).FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return UserScope.Nobody;
        }

        await jurisdictions.EnsureLoadedAsync(cancellationToken);
        return new UserScope(userId, account.InstitutionId, jurisdictions.SubtreeOf(account.JurisdictionId));
    }

    /// <summary>
    /// Only the records the given scope reaches (background work acting for one account, tests). Queries of the
    /// current user need nothing: the record-scope query filter applies to them already.
    /// </summary>
    public IQueryable<T> Filter<T>(IQueryable<T> records, UserScope scope)
        where T : class, IScopedRecord
    {
        var jurisdictions = scope.JurisdictionIds.ToList();
        var grants = ActiveGrants(T.RecordType, scope);
        return records.WithoutScope(ScopeOptOut.ExplicitScope).Where(r => r.OwnerInstitutionId == scope.InstitutionId
            || (r.JurisdictionId != null && jurisdictions.Contains(r.JurisdictionId.Value))
            || grants.Any(g => g.RecordId == r.Id));
    }

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
