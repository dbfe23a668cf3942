using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Mail;

/// <summary>
/// Queues e-mail in the caller's unit of work: the mail commits with the change that caused it, or not at all, and the
/// background sender delivers it later. What a module puts in a mail is its business; the rule is a link and at most
/// a pseudonymous code, never personal data beyond the recipient's address (S6).
/// </summary>
public sealed class MailOutbox(AppDbContext db, SmtpConfiguration configuration, TimeProvider clock, MailSignal signal)
{
    public bool IsConfigured => configuration.IsConfigured;

    public void Queue(string kind, string recipient, string subject, string body)
    {
        if (!IsConfigured)
        {
            throw new InvalidOperationException("E-mail is not configured (Smtp:Host); check IsConfigured first.");
        }

        db.Add(OutboxMail.Queue(kind, recipient, subject, body, clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>Call after the mail's transaction committed: this instance's sender looks at once.</summary>
    public void WakeSender() => signal.Wake();
}
