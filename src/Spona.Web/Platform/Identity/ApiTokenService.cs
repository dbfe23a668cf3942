using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Identity;

/// <summary>Makes, lists, revokes and checks API tokens. Token text: <c>spona_{id}_{secret}</c>, 256 random bits of secret.</summary>
public sealed class ApiTokenService(AppDbContext db, UserManager<SponaUser> users, IAuditTrail audit, TimeProvider clock)
{
    public const string Prefix = "spona_";

    /// <summary>The permissions a token of this account may carry: the account's own, except making tokens.</summary>
    public async Task<IReadOnlyList<string>> GrantableAsync(SponaUser user)
    {
        var roles = await users.GetRolesAsync(user);
        return [.. Permissions.All.Where(p => p != Permissions.ApiTokensUse && RolePermissions.RolesWith(p).Overlaps(roles))];
    }

    public async Task<(ApiToken? Token, string? Secret, string? Field, string? Error)> CreateAsync(
        SponaUser user, string name, int expiresInDays, IReadOnlyCollection<string> permissions, string createdBy, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            return (null, null, "name", Localizable.Text("Give the token a name of at most 100 characters."));
        }

        if (expiresInDays is < 1 or > ApiToken.MaxLifetimeDays)
        {
            return (null, null, "expiresInDays", Localizable.Text("A token expires after 1 to 365 days."));
        }

        var grantable = await GrantableAsync(user);
        var wanted = permissions.Count == 0 ? grantable : [.. permissions.Distinct(StringComparer.Ordinal)];
        if (wanted.Count == 0 || wanted.Any(p => !grantable.Contains(p)))
        {
            return (null, null, "permissions", Localizable.Text("A token can only carry permissions its owner has (and never the one to make tokens)."));
        }

        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            Name = name,
            SecretHash = Hash(secret),
            Permissions = string.Join(' ', wanted),
            CreatedAt = now,
            ExpiresAt = now.AddDays(expiresInDays),
            CreatedBy = createdBy,
        };
        db.Add(token);
        using var auditChange = audit.BeginOperation(PlatformOperations.TokenCreate.Code);
        audit.Add(new AuditEvent("token.created", "ApiToken", token.Id.ToString(), Reason: createdBy == "operator" ? "issued by an operator on the command line" : null,
            Changes: System.Text.Json.JsonSerializer.Serialize(new[] { new { field = "Owner", @new = user.Id.ToString() }, new { field = "Permissions", @new = token.Permissions }, new { field = "ExpiresAt", @new = token.ExpiresAt.ToString("O", CultureInfo.InvariantCulture) } })));
        await db.SaveChangesAsync(cancellationToken);
        auditChange.Complete();
        return (token, $"{Prefix}{token.Id:N}_{secret}", null, null);
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Set<ApiToken>().AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(Guid userId, Guid tokenId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The revocation and its audit entry commit together, or neither does.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Set<ApiToken>().Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
        if (changed == 1)
        {
            audit.Add(new AuditEvent("token.revoked", "ApiToken", tokenId.ToString()));
            await db.SaveChangesAsync(cancellationToken);
        }

        var known = changed == 1 || await db.Set<ApiToken>().AnyAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return known;
    }

    /// <summary>
    /// A successful use of a token is recorded (<c>token.used</c>, and <see cref="ApiToken.LastUsedAt"/>) at most once
    /// per token per this interval; a refused use is recorded every time.
    /// </summary>
    public static readonly TimeSpan UseRecordInterval = TimeSpan.FromMinutes(1);

    /// <summary>The principal for a presented token, or null: unknown, wrong secret, revoked, expired, or owner disabled.</summary>
    public async Task<ClaimsPrincipal?> AuthenticateAsync(string presented, string scheme, CancellationToken cancellationToken, HttpContext? context = null)
    {
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length > 200)
        {
            return null;
        }

        var parts = presented[Prefix.Length..].Split('_', 2);
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var id))
        {
            return null;
        }

        // One round trip, always fresh: the token, its owner's state and roles. A disabled owner or a changed role
        // takes effect on the next request, on every instance, with nothing cached to invalidate.
        var row = await db.Set<ApiToken>().AsNoTracking().Where(t => t.Id == id)
            .Select(t => new
            {
                Token = t,
                Owner = db.Users.Where(u => u.Id == t.UserId).Select(u => new { u.Id, u.UserName, u.Email, u.IsDisabled, u.InstitutionId, u.JurisdictionId }).FirstOrDefault(),
                Roles = db.UserRoles.Where(r => r.UserId == t.UserId).Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            return null;
        }

        var token = row.Token;
        var user = row.Owner;
        var problem = !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(parts[1])), Encoding.ASCII.GetBytes(token.SecretHash)) ? "wrong secret"
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
            await audit.RecordAsync(Used(AuditOutcome.Denied), cancellationToken);
            return null;
        }

        // A successful use is audited once per token per interval (ADR 0017): the first request of the interval that
        // moves LastUsedAt writes the entry in the same transaction; the others write nothing.
        var since = now - UseRecordInterval;
        if (token.LastUsedAt is null || token.LastUsedAt < since)
        {
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

        foreach (var permission in token.PermissionList)
        {
            identity.AddClaim(new Claim(RolePermissions.TokenPermissionClaim, permission));
        }

        return new ClaimsPrincipal(identity);
    }

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '.').ToString(CultureInfo.InvariantCulture);
}
