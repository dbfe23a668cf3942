using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Platform.Notifications;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public const string UnreadIndex = "IX_Notifications_Unread";

    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Kind).HasMaxLength(Notification.KindLength);
        builder.Property(n => n.SubjectReference).HasMaxLength(Notification.SubjectLength);
        builder.Property(n => n.Link).HasMaxLength(Notification.LinkLength);
        builder.HasOne<SponaUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
        // The list: one person's notices, newest first.
        builder.HasIndex(n => new { n.RecipientId, n.CreatedAt });
        // The header's count on every page: a partial index of the unread ones only, so the count reads a handful of
        // index entries, however many read notices a person has (both providers support partial indexes).
        builder.HasIndex(n => n.RecipientId).HasDatabaseName(UnreadIndex).HasFilter("\"ReadAt\" IS NULL");
    }
}
