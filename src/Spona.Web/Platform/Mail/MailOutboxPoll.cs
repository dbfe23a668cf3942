using Spona.Web.Platform.Jobs;

namespace Spona.Web.Platform.Mail;

/// <summary>The outbox poll as a durable job (<c>mail.outbox</c>, every <c>Smtp:PollSeconds</c>): one instance drains per firing.</summary>
internal sealed class MailOutboxPoll(MailSender sender) : ISponaJob
{
    public const string JobName = "mail.outbox";

    public Task RunAsync(JobRun run, CancellationToken cancellationToken) => sender.DrainAsync(cancellationToken);
}
