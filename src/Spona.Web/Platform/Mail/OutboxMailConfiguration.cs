using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Spona.Web.Platform.Mail;

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> builder)
    {
        builder.ToTable("MailOutbox");
        builder.Property(m => m.Kind).HasMaxLength(OutboxMail.KindLength);
        builder.Property(m => m.Recipient).HasMaxLength(OutboxMail.RecipientLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMail.SubjectLength);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMail.ErrorLength);
        // The sender's question, every few seconds: which pending mail is due?
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}
