using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Identity;

/// <summary>
/// Checks a presented API token on every API request (<see cref="ApiTokenAuthenticationHandler"/>). Kept apart from
/// <see cref="ApiTokenService"/> so that a request resolves neither Identity's user manager nor, unless it has to
/// write (a refused use, or the first use in an interval), a database context: the check itself is one prepared
/// statement (<see cref="ApiTokenLookup"/>, ADR 0025).
/// </summary>
public sealed class ApiTokenAuthenticator(IServiceProvider services, TimeProvider clock)
{
    /// <summary>
    /// A successful use of a token is recorded (<c>token.used</c>, and <see cref="ApiToken.LastUsedAt"/>) at most once
    /// per token per this interval; a refused use is recorded every time.
    /// </summary>
    public static readonly TimeSpan UseRecordInterval = TimeSpan.FromMinutes(1);

    /// <summary>The principal for a presented token, or null: unknown, wrong secret, revoked, expired, or owner disabled.</summary>
    public async Task<ClaimsPrincipal?> AuthenticateAsync(string presented, string scheme, CancellationToken cancellationToken, HttpContext? context = null)
    {
        if (!presented.StartsWith(ApiTokenService.Prefix, StringComparison.Ordinal) || presented.Length > 200)
        {
            return null;
        }

        var parts = presented[ApiTokenService.Prefix.Length..].Split('_', 2);
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var id))
        {
            return null;
        }

        // One round trip, always fresh: the token, its owner's state and roles. A disabled owner or a changed role
        // takes effect on the next request, on every instance, with nothing cached to invalidate.
        var row = await services.GetRequiredService<ApiTokenLookup>().FindAsync(id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            return null;
        }

        var token = row;
        var user = row.Owner;
        var problem = !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ApiTokenService.Hash(parts[1])), Encoding.ASCII.GetBytes(token.SecretHash)) ? "wrong secret"
            : token.RevokedAt is not null ? "revoked"
            : token.ExpiresAt <= now ? "expired"
            // A sign-in lockout is not checked here: wrong passwords typed by anyone must not stop the owner's
            // integrations (S2, ADR 0014). A disabled owner stops every credential.
            : user is null || user.IsDisabled ? "owner disabled"
            : null;
        AuditEvent Used(AuditOutcome outcome) => new(AuditActions.TokenUsed, "ApiToken", token.Id.ToString(), outcome, Reason: problem)
        { ActorUserId = token.UserId, ActorLabel = user?.Email ?? "unknown", InstitutionId = user?.InstitutionId };
        if (problem is not null || user is null)
        {
            // Every refused use is audited, in the owner's name (S6).
            await services.GetRequiredService<IAuditTrail>().RecordAsync(Used(AuditOutcome.Denied), cancellationToken);
            return null;
        }

        // A successful use is audited once per token per interval (ADR 0017): the first request of the interval that
        // moves LastUsedAt writes the entry in the same transaction; the others write nothing.
        var since = now - UseRecordInterval;
        if (token.LastUsedAt is null || token.LastUsedAt < since)
        {
            var db = services.GetRequiredService<AppDbContext>();
            var audit = services.GetRequiredService<IAuditTrail>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var moved = await db.Set<ApiToken>().Where(t => t.Id == id && (t.LastUsedAt == null || t.LastUsedAt < since))
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now), cancellationToken);
            if (moved == 1)
            {
                audit.Add(Used(AuditOutcome.Success));
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (context is not null)
        {
            Access.AuthenticatedAccount.Remember(context, new Access.AuthenticatedAccount(user.Id, user.InstitutionId, user.JurisdictionId));
        }

        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.UserName!));
        identity.AddClaim(new Claim(SponaClaimsPrincipalFactory.InstitutionClaim, user.InstitutionId.ToString()));
        identity.AddClaim(new Claim(SecondFactor.Claim, SecondFactor.Token));
        identity.AddClaim(new Claim(RolePermissions.TokenClaim, token.Id.ToString()));
        foreach (var role in row.Roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role!));
        }

        foreach (var permission in token.Permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            identity.AddClaim(new Claim(RolePermissions.TokenPermissionClaim, permission));
        }

        return new ClaimsPrincipal(identity);
    }
}
