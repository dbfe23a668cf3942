namespace Spona.Web.Platform.Identity;

/// <summary>
/// A one-time link that lets the first administrator create their account. Only the SHA-256 of the token is stored,
/// so a copy of the database cannot be used to take over a fresh installation.
/// </summary>
public sealed class SetupToken
{
    public Guid Id { get; set; }

    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    public bool IsUsableAt(DateTime now) => UsedAt is null && now < ExpiresAt;
}
