using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Spona.Web.Platform.Organisations;

internal sealed class JurisdictionConfiguration : IEntityTypeConfiguration<Jurisdiction>
{
    public void Configure(EntityTypeBuilder<Jurisdiction> builder)
    {
        builder.Property(j => j.Code).HasMaxLength(64);
        builder.HasIndex(j => j.Code).IsUnique();
        builder.Property(j => j.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(j => j.Name).HasMaxLength(200);
        builder.Property(j => j.NameCyrillic).HasMaxLength(200);
        builder.Property(j => j.NameEn).HasMaxLength(200);
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(j => j.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(j => j.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
