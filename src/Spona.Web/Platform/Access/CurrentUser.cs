using System.Collections.Frozen;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Access;

/// <summary>
/// The account a request was authenticated as, read from the database by the authentication step itself (the cookie
/// check of <see cref="SessionValidation"/> or the API token check) and kept for the rest of the request.
/// </summary>
public sealed record AuthenticatedAccount(Guid UserId, Guid InstitutionId, Guid? JurisdictionId)
{
    internal static readonly object ItemKey = new();

    internal static void Remember(HttpContext context, AuthenticatedAccount account) => context.Items[ItemKey] = account;

    internal static AuthenticatedAccount? Of(HttpContext? context) =>
        context?.Items.TryGetValue(ItemKey, out var value) == true ? value as AuthenticatedAccount : null;
}

/// <summary>
/// Who the current request acts for, computed once per request (S5): the account, its institution, the jurisdiction
/// subtree its scope covers, its roles and permissions (those of the API token when the request carries one). Pages,
/// endpoints, the record-scope query filter and the audit read this; no other code parses claims. Outside a request
/// (start-up, jobs, the CLI) it is <see cref="UserScope.Nobody"/>: scoped records are then reached only through a
/// named opt-out (<see cref="ScopeOptOut"/>).
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http, JurisdictionTree jurisdictions, TimeProvider clock)
{
    private UserScope? scope;
    private FrozenSet<string>? permissions;
    private AuthenticatedAccount? account;

    private ClaimsPrincipal? Principal => http.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true && UserId is not null;

    /// <summary>The account's id, or null for an anonymous request and background work.</summary>
    public Guid? UserId => Guid.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The sign-in name (the e-mail address) — personal data: show it to the person, never log it.</summary>
    public string? UserName => Principal?.FindFirstValue(ClaimTypes.Name);

    public string? DisplayName => Principal?.FindFirstValue(SponaClaimsPrincipalFactory.DisplayNameClaim);

    public Guid? InstitutionId => Account?.InstitutionId
        ?? (Guid.TryParse(Principal?.FindFirstValue(SponaClaimsPrincipalFactory.InstitutionClaim), out var id) ? id : null);

    public Guid? JurisdictionId => Account?.JurisdictionId;

    /// <summary>Whether the request authenticated with an API token (then permissions are those the token names).</summary>
    public bool IsApiToken => Principal?.HasClaim(c => c.Type == RolePermissions.TokenClaim) == true;

    public IReadOnlyList<string> Roles =>
        Principal is { } p ? [.. Authorization.Roles.All.Where(p.IsInRole)] : [];

    public IReadOnlySet<string> Permissions => permissions ??= Principal is { } p && IsAuthenticated
        ? RolePermissions.PermissionsOf(p).ToFrozenSet(StringComparer.Ordinal)
        : FrozenSet<string>.Empty;

    public bool Has(string permission) => Permissions.Contains(permission);

    /// <summary>The time every scope decision of this request is taken at (grants in force "now").</summary>
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The record scope: institution and every jurisdiction below the user's own. Needs the account (kept by the
    /// authentication step, or loaded by <see cref="CurrentUserMiddleware"/>) and the jurisdiction tree (cached).
    /// </summary>
    public UserScope Scope
    {
        get
        {
            if (scope is not null)
            {
                return scope;
            }

            if (!IsAuthenticated || Account is not { } a || a.UserId != UserId)
            {
                return UserScope.Nobody;
            }

            return scope = new UserScope(a.UserId, a.InstitutionId, jurisdictions.SubtreeOf(a.JurisdictionId));
        }
    }

    private AuthenticatedAccount? Account => account ??= AuthenticatedAccount.Of(http.HttpContext);

    internal bool NeedsAccount => IsAuthenticated && Account is null;

    internal void Use(AuthenticatedAccount loaded)
    {
        account = loaded;
        scope = null;
    }
}

/// <summary>
/// Makes sure the current user's account and the jurisdiction tree are at hand before any endpoint runs, so that the
/// scope query filter never waits on I/O. The authentication step has normally read the account already; other
/// authentication handlers (tests) are looked up here with one query.
/// </summary>
public sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CurrentUser user, JurisdictionTree jurisdictions)
    {
        if (user.NeedsAccount)
        {
            // A database context only when the account must be loaded: the authentication step usually kept it.
            var db = context.RequestServices.GetRequiredService<AppDbContext>();
            var id = user.UserId!.Value;
            var account = await db.Users.AsNoTracking().Where(u => u.Id == id && !u.IsDisabled)
                .Select(u => new AuthenticatedAccount(u.Id, u.InstitutionId, u.JurisdictionId)).FirstOrDefaultAsync(context.RequestAborted);
            if (account is not null)
            {
                AuthenticatedAccount.Remember(context, account);
                user.Use(account);
            }
        }

        if (user.IsAuthenticated)
        {
            await jurisdictions.EnsureLoadedAsync(context.RequestAborted);
        }

        await next(context);
    }
}

/// <summary>
/// The jurisdiction hierarchy in memory (about 200 rows), for the subtree a user's scope covers. Reloaded when a
/// jurisdiction is saved on this instance (see <see cref="JurisdictionTreeInvalidator"/>) and at most
/// <see cref="MaxAge"/> after the last load, for changes made on another instance.
/// </summary>
public sealed class JurisdictionTree(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile Snapshot? snapshot;

    private sealed record Snapshot(DateTimeOffset LoadedAt, FrozenDictionary<Guid, Guid[]> Children);

    public void Invalidate() => snapshot = null;

    public void Dispose() => loading.Dispose();

    public async Task EnsureLoadedAsync(CancellationToken cancellationToken = default)
    {
        if (snapshot is { } s && clock.GetUtcNow() - s.LoadedAt < MaxAge)
        {
            return;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            if (snapshot is { } again && clock.GetUtcNow() - again.LoadedAt < MaxAge)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = await db.Jurisdictions.AsNoTracking().Select(j => new { j.Id, j.ParentId, j.RegionId }).ToListAsync(cancellationToken);
            // A jurisdiction's children: those below it by parent, and the RS municipalities of a region.
            var children = rows.SelectMany(j => new[] { (Parent: j.ParentId, Child: j.Id), (Parent: j.RegionId, Child: j.Id) })
                .Where(e => e.Parent is not null)
                .GroupBy(e => e.Parent!.Value)
                .ToFrozenDictionary(g => g.Key, g => g.Select(e => e.Child).Distinct().ToArray());
            snapshot = new Snapshot(clock.GetUtcNow(), children);
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>The jurisdiction and everything below it; empty for none. Loads synchronously if never loaded.</summary>
    public IReadOnlySet<Guid> SubtreeOf(Guid? root)
    {
        if (root is not { } start)
        {
            return FrozenSet<Guid>.Empty;
        }

        var current = snapshot;
        if (current is null)
        {
            EnsureLoadedAsync().GetAwaiter().GetResult();
            current = snapshot!;
        }

        var covered = new HashSet<Guid> { start };
        var queue = new Queue<Guid>([start]);
        while (queue.TryDequeue(out var next))
        {
            if (current.Children.TryGetValue(next, out var below))
            {
                foreach (var child in below.Where(covered.Add))
                {
                    queue.Enqueue(child);
                }
            }
        }

        return covered;
    }
}

/// <summary>Drops the cached jurisdiction tree whenever a jurisdiction is added, moved or removed on this instance.</summary>
internal sealed class JurisdictionTreeInvalidator(JurisdictionTree tree) : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
{
    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
        Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> SavingChanges(
        Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    private void Check(DbContext? context)
    {
        if (context?.ChangeTracker.Entries<Organisations.Jurisdiction>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) == true)
        {
            tree.Invalidate();
        }
    }
}
