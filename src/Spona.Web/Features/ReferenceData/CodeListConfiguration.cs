using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Spona.Web.Features.Shared;

namespace Spona.Web.Features.ReferenceData;

internal sealed class CodeListConfiguration : IEntityTypeConfiguration<CodeList>
{
    public void Configure(EntityTypeBuilder<CodeList> builder)
    {
        builder.ToTable("CodeLists");
        builder.Property(l => l.Key).HasMaxLength(64);
        builder.HasIndex(l => l.Key).IsUnique();
        builder.OwnsLocalizedText(l => l.Name, "Name", 200);
        builder.Property(l => l.Source).HasMaxLength(500);
    }
}
