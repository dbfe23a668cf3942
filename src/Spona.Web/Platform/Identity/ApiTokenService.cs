using System.Globalization;
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

    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '.').ToString(CultureInfo.InvariantCulture);
}
