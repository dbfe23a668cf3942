using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Identity;

internal sealed class SponaUserConfiguration : IEntityTypeConfiguration<SponaUser>
{
    public void Configure(EntityTypeBuilder<SponaUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.PreferredCulture).HasMaxLength(16);
        builder.Property(u => u.DisplayNameIndex).HasMaxLength(BlindIndexNormalisers.ColumnLength(BlindIndexNormalisers.Folded));
        builder.Property(u => u.DisplayNameWords).HasMaxLength(BlindIndexNormalisers.ColumnLength(BlindIndexNormalisers.FoldedWords));
        builder.HasIndex(u => u.DisplayNameIndex);
        builder.HasOne<Institution>().WithMany().HasForeignKey(u => u.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(u => u.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}
