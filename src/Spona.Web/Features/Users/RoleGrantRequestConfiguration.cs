using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Users;

internal sealed class RoleGrantRequestConfiguration : IEntityTypeConfiguration<RoleGrantRequest>
{
    public void Configure(EntityTypeBuilder<RoleGrantRequest> builder)
    {
        builder.ToTable("RoleGrantRequests");
        builder.Property(r => r.Role).HasMaxLength(64);
        builder.Property(r => r.Decision).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<SponaUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SponaUser>().WithMany().HasForeignKey(r => r.RequestedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.UserId, r.Decision });
    }
}
