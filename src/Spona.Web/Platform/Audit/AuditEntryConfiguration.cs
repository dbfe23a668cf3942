using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Spona.Web.Platform.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable(AuditSchema.EntriesTable);
        builder.HasKey(e => e.Sequence);
        // The sequence is assigned under the chain lock, never by the database.
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.ActorLabel).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.EntityType).HasMaxLength(128);
        builder.Property(e => e.EntityKey).HasMaxLength(256);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.Property(e => e.CorrelationId).HasMaxLength(128);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.OperationType).HasMaxLength(AuditOperationType.MaxCodeLength);
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength(false);
        builder.Property(e => e.EntryHash).HasMaxLength(64);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.EntityType, e.EntityKey });
        builder.HasIndex(e => e.ActorUserId);
        builder.HasIndex(e => e.Action);
        builder.HasIndex(e => e.OperationId);
        builder.HasIndex(e => e.OperationType);
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable(AuditSchema.CheckpointsTable);
        builder.Property(c => c.RootHash).HasMaxLength(64);
        builder.HasIndex(c => c.TreeSize);
    }
}
