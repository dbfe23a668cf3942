namespace Spona.Web.Platform.Mail;

/// <summary>Whether Spona sends e-mail, and through which server (null: it does not).</summary>
public sealed record SmtpConfiguration(SmtpSettings? Settings)
{
    public bool IsConfigured => Settings is not null;
}
