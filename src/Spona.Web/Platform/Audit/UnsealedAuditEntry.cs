using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// An audit entry written in the transaction of the change it describes, but not yet linked into the hash chain
/// (ADR 0017); entries of no change (reads, refusals) never wait here, the group commit seals them as it writes them.
/// Changes insert these without any shared lock; <see cref="AuditSealer"/> (or the next group commit) moves them, in
/// the order of <see cref="Id"/>, into <see cref="AuditEntry"/> rows with a sequence number and hash, and deletes them.
/// Until then they are protected only by the database's access control, not by the chain.
/// </summary>
public sealed class UnsealedAuditEntry
{
    /// <summary>Assigned by the database; orders the entries for sealing (gaps are possible and harmless).</summary>
    public long Id { get; set; }

    public DateTime OccurredAt { get; set; }

    public Guid? ActorUserId { get; set; }

    public required string ActorLabel { get; set; }

    public Guid? InstitutionId { get; set; }

    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public required string EntityKey { get; set; }

    public string? Changes { get; set; }

    public string? Reason { get; set; }

    public string? CorrelationId { get; set; }

    public AuditOutcome Outcome { get; set; }

    public Guid? OperationId { get; set; }

    public string? OperationType { get; set; }

    internal static UnsealedAuditEntry From(AuditEntry draft) => new()
    {
        OccurredAt = AuditHash.Normalize(draft.OccurredAt),
        ActorUserId = draft.ActorUserId,
        ActorLabel = draft.ActorLabel,
        InstitutionId = draft.InstitutionId,
        Action = draft.Action,
        EntityType = draft.EntityType,
        EntityKey = draft.EntityKey,
        Changes = draft.Changes,
        Reason = draft.Reason,
        CorrelationId = draft.CorrelationId,
        Outcome = draft.Outcome,
        OperationId = draft.OperationId,
        OperationType = draft.OperationType,
    };

    internal AuditEntry ToEntry() => new()
    {
        OccurredAt = OccurredAt,
        ActorUserId = ActorUserId,
        ActorLabel = ActorLabel,
        InstitutionId = InstitutionId,
        Action = Action,
        EntityType = EntityType,
        EntityKey = EntityKey,
        Changes = Changes,
        Reason = Reason,
        CorrelationId = CorrelationId,
        Outcome = Outcome,
        OperationId = OperationId,
        OperationType = OperationType,
        PreviousHash = AuditHash.Genesis,
        EntryHash = "",
    };
}

internal sealed class UnsealedAuditEntryConfiguration : IEntityTypeConfiguration<UnsealedAuditEntry>
{
    public void Configure(EntityTypeBuilder<UnsealedAuditEntry> builder)
    {
        builder.ToTable(AuditSchema.UnsealedTable);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.ActorLabel).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.EntityType).HasMaxLength(128);
        builder.Property(e => e.EntityKey).HasMaxLength(256);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.Property(e => e.CorrelationId).HasMaxLength(128);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.OperationType).HasMaxLength(AuditOperationType.MaxCodeLength);
    }
}
