using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Spona.Web.Platform.Identity;

/// <summary>
/// A named, expiring, revocable credential for an integration, acting as its owner but only with the permissions named
/// on it. Only the SHA-256 of its secret is stored; the whole token is shown once, when it is made.
/// </summary>
public sealed class ApiToken
{
    public const int MaxLifetimeDays = 365;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>Lowercase hex SHA-256 of the secret part.</summary>
    public required string SecretHash { get; set; }

    /// <summary>Space-separated permission names.</summary>
    public required string Permissions { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    /// <summary>"user" when the owner made it on their account page or through the API, "operator" from the command line.</summary>
    public required string CreatedBy { get; set; }

    public IReadOnlyList<string> PermissionList => Permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("ApiTokens");
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.SecretHash).HasMaxLength(64).IsFixedLength(false);
        builder.Property(t => t.Permissions).HasMaxLength(2000);
        builder.Property(t => t.CreatedBy).HasMaxLength(16);
        builder.HasOne<SponaUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.UserId);
        builder.Ignore(t => t.PermissionList);
    }
}
