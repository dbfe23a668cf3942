using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Mail;

/// <summary>
/// One e-mail waiting in the database for the background sender (<see cref="MailSender"/>), so that a slow or
/// unreachable SMTP server never holds up or fails a request, and a restart loses nothing. The address and the text
/// (which carries a link that works once) are encrypted at rest and erased once the mail is sent or given up; what
/// remains says only what kind of mail it was and what became of it.
/// </summary>
public sealed class OutboxMail
{
    public const int KindLength = 64;
    public const int RecipientLength = 256;
    public const int SubjectLength = 200;
    public const int ErrorLength = 200;

    private OutboxMail()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>What the mail is for, e.g. <c>account.invitation</c>; never personal data.</summary>
    public string Kind { get; private set; } = "";

    [PersonalDataClassification(
        Purpose = "Deliver a message the person needs for their account (invitation, password link)",
        LegalBasis = "Employment relationship and the institution's public task (processing necessary to run the system)",
        Retention = "Until the message is sent or given up, then erased")]
    public string? Recipient { get; private set; }

    public string Subject { get; private set; } = "";

    [PersonalDataClassification(
        Purpose = "Deliver the link with which the person sets their password",
        LegalBasis = "Security of processing (data protection law, art. on security; GDPR art. 32 equivalent)",
        Retention = "Until the message is sent or given up, then erased",
        Sensitivity = DataSensitivity.Secret)]
    public string? Body { get; private set; }

    public OutboxMailStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime NextAttemptAt { get; private set; }

    /// <summary>While set and in the future, one sender holds the mail; no other sender takes it.</summary>
    public DateTime? ClaimedUntil { get; private set; }

    public DateTime? SentAt { get; private set; }

    /// <summary>The last failure: an exception type and an SMTP status code only, never a server's text (it can quote the address).</summary>
    public string? LastError { get; private set; }

    public static OutboxMail Queue(string kind, string recipient, string subject, string body, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        Recipient = recipient,
        Subject = subject,
        Body = body,
        Status = OutboxMailStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public void MarkSent(DateTime now)
    {
        Status = OutboxMailStatus.Sent;
        Attempts++;
        SentAt = now;
        ClaimedUntil = null;
        LastError = null;
        Erase();
    }

    /// <summary>A failed attempt: tried again after <paramref name="retryDelay"/> doubled per attempt (at most an hour), or given up.</summary>
    public void MarkFailed(string error, DateTime now, int maxAttempts, TimeSpan retryDelay)
    {
        Attempts++;
        ClaimedUntil = null;
        LastError = error.Length > ErrorLength ? error[..ErrorLength] : error;
        if (Attempts >= maxAttempts)
        {
            Status = OutboxMailStatus.Failed;
            Erase();
            return;
        }

        var wait = retryDelay * Math.Pow(2, Math.Min(Attempts - 1, 16));
        NextAttemptAt = now + (wait > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : wait);
    }

    private void Erase()
    {
        Recipient = null;
        Body = null;
    }
}
