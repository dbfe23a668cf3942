namespace Spona.Web.Platform.Mail;

public enum OutboxMailStatus
{
    /// <summary>Waiting to be sent (first try or a retry).</summary>
    Pending,

    /// <summary>The SMTP server accepted it.</summary>
    Sent,

    /// <summary>Every attempt failed; it is not tried again.</summary>
    Failed,
}
