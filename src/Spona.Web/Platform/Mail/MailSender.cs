using System.Globalization;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Mail;

/// <summary>
/// Drains the outbox (<see cref="OutboxMail"/>): takes due mail, claims each row with a lease so that another
/// instance does not send it too, sends it over one SMTP connection per pass, and records the outcome. A failure waits
/// and tries again (<see cref="SmtpSettings.RetryDelay"/>, doubling) until <see cref="SmtpSettings.MaxAttempts"/>,
/// then the mail is failed. Delivery is at least once: a crash between the server's acceptance and the row's update
/// sends that mail again after the lease. Two paths drain: this background service, woken at once when this instance
/// queues a mail (<see cref="MailSignal"/>), and the durable job <c>mail.outbox</c> every <c>Smtp:PollSeconds</c>
/// (<see cref="MailOutboxPoll"/>), which finds mail queued elsewhere, left from before a restart, or due for a retry.
/// The leases keep them from sending a mail twice.
/// </summary>
internal sealed partial class MailSender(
    IServiceScopeFactory scopes, SmtpConfiguration configuration, MailSignal signal, TimeProvider clock, ILogger<MailSender> logger) : BackgroundService
{
    private const int Batch = 20;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration.Settings is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(Timeout.InfiniteTimeSpan, clock, stoppingToken);
            if (!stoppingToken.IsCancellationRequested)
            {
                await DrainAsync(stoppingToken);
            }
        }
    }

    /// <summary>Drains every due mail, batch by batch; a failed pass is logged by exception type and left to the next one.</summary>
    internal async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (configuration.Settings is not { } settings)
        {
            return;
        }

        try
        {
            while (await DrainOnceAsync(settings, cancellationToken) == Batch)
            {
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The type only: database and server messages can quote data.
            LogPassFailed(logger, ex.GetType().Name);
        }
    }

    /// <summary>One pass over the due mail; returns how many rows it looked at.</summary>
    internal async Task<int> DrainOnceAsync(SmtpSettings settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboxMail>().AsNoTracking()
            .Where(m => m.Status == OutboxMailStatus.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(Batch)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        SmtpClient? client = null;
        try
        {
            foreach (var id in due)
            {
                var leaseEnd = clock.GetUtcNow().UtcDateTime + Lease;
                var claimedAt = clock.GetUtcNow().UtcDateTime;
                // The claim is one conditional UPDATE: of two instances, only one changes the row.
                var claimed = await db.Set<OutboxMail>()
                    .Where(m => m.Id == id && m.Status == OutboxMailStatus.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < claimedAt))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, leaseEnd), cancellationToken);
                if (claimed == 0)
                {
                    continue;
                }

                var mail = await db.Set<OutboxMail>().FirstAsync(m => m.Id == id, cancellationToken);
                try
                {
                    client ??= await ConnectAsync(settings, cancellationToken);
                    await client.SendAsync(Compose(settings, mail), cancellationToken);
                    mail.MarkSent(clock.GetUtcNow().UtcDateTime);
                    LogSent(logger, mail.Id, mail.Kind, mail.Attempts);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    mail.MarkFailed(Describe(ex), clock.GetUtcNow().UtcDateTime, settings.MaxAttempts, settings.RetryDelay);
                    LogFailed(logger, mail.Id, mail.Kind, mail.Attempts, mail.LastError!, mail.Status == OutboxMailStatus.Failed);
                    // A broken connection is not used for the next mail; a refused recipient leaves it usable.
                    if (client is not null && ex is not SmtpCommandException)
                    {
                        client.Dispose();
                        client = null;
                    }
                }

                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        finally
        {
            if (client is not null)
            {
                try
                {
                    if (client.IsConnected)
                    {
                        await client.DisconnectAsync(quit: true, CancellationToken.None);
                    }
                }
                catch (Exception ex) when (ex is IOException or ServiceNotConnectedException or SmtpProtocolException or OperationCanceledException)
                {
                }

                client.Dispose();
            }
        }

        return due.Count;
    }

    private static async Task<SmtpClient> ConnectAsync(SmtpSettings settings, CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
            if (settings.UserName is not null)
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password!, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static MimeMessage Compose(SmtpSettings settings, OutboxMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(settings.From);
        message.To.Add(MailboxAddress.Parse(mail.Recipient!));
        message.Subject = mail.Subject;
        // A machine's message (RFC 3834): auto-responders do not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = mail.Body! };
        return message;
    }

    private static string Describe(Exception ex) => ex is SmtpCommandException command
        ? string.Create(CultureInfo.InvariantCulture, $"{ex.GetType().Name} {(int)command.StatusCode} {command.ErrorCode}")
        : ex.GetType().Name;

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MailId} ({Kind}) was sent on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, Guid mailId, string kind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} ({Kind}) failed on attempt {Attempt}: {Error}; given up: {GivenUp}")]
    private static partial void LogFailed(ILogger logger, Guid mailId, string kind, int attempt, string error, bool givenUp);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the mail sender failed ({ExceptionType}); it runs again at the next poll")]
    private static partial void LogPassFailed(ILogger logger, string exceptionType);
}
