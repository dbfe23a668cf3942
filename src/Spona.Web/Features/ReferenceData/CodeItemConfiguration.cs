using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Spona.Web.Features.Shared;

namespace Spona.Web.Features.ReferenceData;

internal sealed class CodeItemConfiguration : IEntityTypeConfiguration<CodeItem>
{
    public void Configure(EntityTypeBuilder<CodeItem> builder)
    {
        builder.ToTable("CodeItems");
        builder.Property(i => i.Code).HasMaxLength(64);
        builder.HasIndex(i => new { i.CodeListId, i.Code }).IsUnique();
        builder.OwnsLocalizedText(i => i.Label, "Label", 300);
        builder.Property(i => i.Extra).HasMaxLength(2000);
        builder.HasOne<CodeList>().WithMany().HasForeignKey(i => i.CodeListId).OnDelete(DeleteBehavior.Cascade);
    }
}
