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
        using var auditChange = audit.BeginChange();
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
        var changed = await db.Set<ApiToken>().Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
        if (changed == 1)
        {
            await audit.RecordAsync(new AuditEvent("token.revoked", "ApiToken", tokenId.ToString()), cancellationToken);
        }

        return changed == 1 || await db.Set<ApiToken>().AnyAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
    }

    /// <summary>The principal for a presented token, or null: unknown, wrong secret, revoked, expired, or owner disabled.</summary>
    public async Task<ClaimsPrincipal?> AuthenticateAsync(string presented, string scheme, CancellationToken cancellationToken)
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

        var token = await db.Set<ApiToken>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is null)
        {
            return null;
        }

        var user = await users.FindByIdAsync(token.UserId.ToString());
        var problem = !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(parts[1])), Encoding.ASCII.GetBytes(token.SecretHash)) ? "wrong secret"
            : token.RevokedAt is not null ? "revoked"
            : token.ExpiresAt <= now ? "expired"
            // A sign-in lockout is not checked here: wrong passwords typed by anyone must not stop the owner's
            // integrations (S2, ADR 0014). A disabled owner stops every credential.
            : user is null || user.IsDisabled ? "owner disabled"
            : null;
        // Every use of a token is audited, refused ones too (S6), in the owner's name.
        await audit.RecordAsync(new AuditEvent(AuditActions.TokenUsed, "ApiToken", token.Id.ToString(), problem is null ? AuditOutcome.Success : AuditOutcome.Denied, Reason: problem)
        { ActorUserId = token.UserId, ActorLabel = user?.Email ?? "unknown", InstitutionId = user?.InstitutionId }, cancellationToken);
        if (problem is not null || user is null)
        {
            return null;
        }

        if (token.LastUsedAt is null || token.LastUsedAt < now.AddMinutes(-1))
        {
            await db.Set<ApiToken>().Where(t => t.Id == id).ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.UserName!));
        identity.AddClaim(new Claim(SponaClaimsPrincipalFactory.InstitutionClaim, user.InstitutionId.ToString()));
        identity.AddClaim(new Claim(SecondFactor.Claim, SecondFactor.Token));
        identity.AddClaim(new Claim(RolePermissions.TokenClaim, token.Id.ToString()));
        foreach (var role in await users.GetRolesAsync(user))
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
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
