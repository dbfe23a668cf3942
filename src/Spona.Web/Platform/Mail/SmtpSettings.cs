using System.Globalization;
using MailKit.Security;
using MimeKit;
using Spona.Web.Platform.Configuration;

namespace Spona.Web.Platform.Mail;

/// <summary>
/// The SMTP server Spona sends through: <c>Smtp:Host</c>, <c>Smtp:Port</c>, <c>Smtp:From</c>, <c>Smtp:UserName</c>,
/// <c>Smtp:Password</c>, <c>Smtp:Security</c> (MailKit's <see cref="SecureSocketOptions"/>: None, StartTls,
/// SslOnConnect, Auto), and how the outbox is drained: <c>Smtp:MaxAttempts</c>, <c>Smtp:RetrySeconds</c> (the first
/// wait, doubled after each failure up to an hour), <c>Smtp:PollSeconds</c>; and <c>Smtp:LinkBaseUrl</c>, the absolute https address of Spona that notice e-mails
/// link to (without it no notice is e-mailed, ADR 0026). Without <c>Smtp:Host</c> Spona sends no
/// e-mail and administrators hand links over themselves. Validated once at start; a wrong value stops the start.
/// </summary>
public sealed record SmtpSettings(
    string Host, int Port, MailboxAddress From, string? UserName, string? Password, SecureSocketOptions Security,
    int MaxAttempts, TimeSpan RetryDelay, TimeSpan PollInterval, Uri? LinkBaseUrl = null)
{
    public const string Section = "Smtp";

    private static readonly string[] SecurityNames = [nameof(SecureSocketOptions.None), nameof(SecureSocketOptions.StartTls), nameof(SecureSocketOptions.SslOnConnect), nameof(SecureSocketOptions.Auto)];

    /// <summary>The settings, or null when <c>Smtp:Host</c> is not set (e-mail off).</summary>
    public static SmtpSettings? Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var host = section["Host"]?.Trim();
        if (string.IsNullOrEmpty(host))
        {
            foreach (var key in new[] { "From", "UserName", "Password" })
            {
                if (!string.IsNullOrWhiteSpace(section[key]))
                {
                    throw new StartupConfigurationException($"Configuration key 'Smtp:{key}' is set but 'Smtp:Host' is not; set 'Smtp:Host' to send e-mail, or remove the Smtp settings.");
                }
            }

            return null;
        }

        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new StartupConfigurationException($"Configuration key 'Smtp:Host' has the value '{host}', which is not a host name or an IP address.");
        }

        var security = ParseSecurity(section["Security"]);
        var port = Number(section, "Port", security switch { SecureSocketOptions.SslOnConnect => 465, SecureSocketOptions.None => 25, _ => 587 }, 1, 65535);
        var fromText = section["From"]?.Trim();
        if (string.IsNullOrEmpty(fromText))
        {
            throw new StartupConfigurationException("Configuration key 'Smtp:From' is required when 'Smtp:Host' is set (the sender address, e.g. 'Spona <spona@example.gov.ba>').");
        }

        if (!MailboxAddress.TryParse(fromText, out var from) || string.IsNullOrEmpty(from.Address) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new StartupConfigurationException($"Configuration key 'Smtp:From' has the value '{fromText}', which is not an e-mail address.");
        }

        var userName = section["UserName"];
        var password = section["Password"];
        if (string.IsNullOrEmpty(userName) != string.IsNullOrEmpty(password))
        {
            // Never the password's value, in no message.
            throw new StartupConfigurationException("Configuration keys 'Smtp:UserName' and 'Smtp:Password' go together: set both to sign in to the SMTP server, or neither.");
        }

        return new SmtpSettings(
            host, port, from, string.IsNullOrEmpty(userName) ? null : userName, string.IsNullOrEmpty(password) ? null : password, security,
            Number(section, "MaxAttempts", 8, 1, 100),
            TimeSpan.FromSeconds(Number(section, "RetrySeconds", 60, 1, 3600)),
            TimeSpan.FromSeconds(Number(section, "PollSeconds", 5, 1, 3600)),
            ParseLinkBaseUrl(section["LinkBaseUrl"]));
    }

    private static Uri? ParseLinkBaseUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim().TrimEnd('/');
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(uri.Query)
            && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : throw new StartupConfigurationException($"Configuration key 'Smtp:LinkBaseUrl' has the value '{value}'; use the absolute https address of Spona, e.g. 'https://spona.example.gov.ba', without a query or fragment.");
    }

    private static SecureSocketOptions ParseSecurity(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return SecureSocketOptions.StartTls;
        }

        var name = SecurityNames.FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is null
            ? throw new StartupConfigurationException($"Configuration key 'Smtp:Security' has the unknown value '{value}'; use {string.Join(", ", SecurityNames.Select(n => $"'{n}'"))}.")
            : Enum.Parse<SecureSocketOptions>(name);
    }

    private static int Number(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new StartupConfigurationException(string.Create(CultureInfo.InvariantCulture, $"Configuration key 'Smtp:{key}' has the value '{text}'; use a whole number from {min} to {max}."));
    }

    /// <summary>Where mail goes, for messages: never the password.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"SMTP {Host}:{Port} ({Security})");

    /// <summary>A record's printed form must not carry the password into a log.</summary>
    public override string ToString() => Describe();
}
