using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Access;

/// <summary>Why a grant exists.</summary>
public enum GrantBasis
{
    /// <summary>The user is assigned to the record (e.g. its case worker).</summary>
    Assignment = 1,

    /// <summary>An active referral shares the record with another institution.</summary>
    Referral = 2,

    /// <summary>A user without scope opened the record stating a reason; time-limited and reviewed.</summary>
    BreakGlass = 3,
}

/// <summary>One way to reach one record beside institution and jurisdiction: to a user or to a whole institution, for a time.</summary>
public sealed class RecordAccessGrant
{
    public Guid Id { get; set; }

    public required string RecordType { get; set; }

    public Guid RecordId { get; set; }

    public Guid? GranteeUserId { get; set; }

    public Guid? GranteeInstitutionId { get; set; }

    public GrantBasis Basis { get; set; }

    [PersonalDataClassification(
        Purpose = "Justify access to a protected record (break the glass, referral) for review by the State Coordinator's office and auditors",
        LegalBasis = "Accountability of processing (personal data protection law, security of processing)",
        Retention = "As long as the record it concerns, at least 5 years",
        Sensitivity = DataSensitivity.SpecialCategory)]
    public string? Reason { get; set; }

    public DateTime ValidFrom { get; set; }

    public DateTime? ValidUntil { get; set; }

    public DateTime? RevokedAt { get; set; }

    public Guid CreatedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class RecordAccessGrantConfiguration : IEntityTypeConfiguration<RecordAccessGrant>
{
    public void Configure(EntityTypeBuilder<RecordAccessGrant> builder)
    {
        builder.ToTable("RecordAccessGrants");
        builder.Property(g => g.RecordType).HasMaxLength(64);
        builder.Property(g => g.Reason).HasMaxLength(2000);
        builder.Property(g => g.Basis).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(g => new { g.RecordType, g.RecordId });
        builder.HasIndex(g => new { g.Basis, g.CreatedAt });
    }
}
