using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Spona.Web.Platform.Files;

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("StoredFiles");
        builder.Property(f => f.RecordType).HasMaxLength(StoredFile.RecordTypeLength);
        builder.Property(f => f.FileName).HasMaxLength(StoredFile.FileNameLength);
        builder.Property(f => f.ContentType).HasMaxLength(StoredFile.ContentTypeLength);
        builder.Property(f => f.KeyId).HasMaxLength(8);
        builder.Property(f => f.DeletionReason).HasMaxLength(StoredFile.ReasonLength);
        // A record's files, newest first.
        builder.HasIndex(f => new { f.RecordType, f.RecordId, f.CreatedAt });
    }
}
