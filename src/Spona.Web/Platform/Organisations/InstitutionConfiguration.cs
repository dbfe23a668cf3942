using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Spona.Web.Platform.Organisations;

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(64);
        builder.HasIndex(i => i.Code).IsUnique();
        builder.Property(i => i.Name).HasMaxLength(300);
        builder.Property(i => i.NameCyrillic).HasMaxLength(300);
        builder.Property(i => i.NameEn).HasMaxLength(300);
        builder.Property(i => i.Abbreviation).HasMaxLength(50);
        builder.Property(i => i.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(i => i.Address).HasMaxLength(300);
        builder.Property(i => i.Email).HasMaxLength(254);
        builder.Property(i => i.Phone).HasMaxLength(50);
        builder.Property(i => i.Website).HasMaxLength(300);
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(i => i.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Institution>().WithMany().HasForeignKey(i => i.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
