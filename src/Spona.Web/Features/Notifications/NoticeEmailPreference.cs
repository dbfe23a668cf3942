using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Mail;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Notifications;

/// <summary>
/// Whether one's new notices are also e-mailed (ADR 0026), shared by the notices page and its API. Each person sets
/// only their own; the change is an audited operation that records the old and the new value (a preference, not
/// personal data). The mail itself never carries personal data, whatever this says.
/// </summary>
public sealed class NoticeEmailPreference(AppDbContext db, IAuditTrail audit, SmtpConfiguration smtp)
{
    /// <summary>The record type of an account in the trail, as user administration names it.</summary>
    private const string AccountRecord = "Account";

    public static readonly AuditOperationType ChangeOperation = new("notifications.emails.change", Localizable.Text("Change notice e-mails"));

    /// <summary>Null when the account does not exist (it was removed while signed in).</summary>
    public async Task<NoticeEmailPreferenceView?> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        var off = await db.Users.Where(u => u.Id == userId).Select(u => (bool?)u.NoticeEmailsOff).SingleOrDefaultAsync(cancellationToken);
        return off is null ? null : View(!off.Value);
    }

    /// <summary>Sets the preference; saving the value it already has changes nothing and writes no entry.</summary>
    public async Task<NoticeEmailPreferenceView?> SetAsync(Guid userId, bool emails, CancellationToken cancellationToken)
    {
        using var operation = audit.BeginOperation(ChangeOperation.Code);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        if (user.NoticeEmailsOff == emails)
        {
            // Accounts are recorded by explicit events (they are not IAudited entities); this one joins the save.
            var change = System.Text.Json.JsonSerializer.Serialize(new[] { new { field = nameof(user.NoticeEmailsOff), old = user.NoticeEmailsOff, @new = !emails } });
            user.NoticeEmailsOff = !emails;
            audit.Add(new AuditEvent("user.notice-emails-" + (emails ? "on" : "off"), AccountRecord, user.Id.ToString(), Changes: change));
            await db.SaveChangesAsync(cancellationToken);
        }

        return View(emails);
    }

    /// <summary>Mail goes out only with SMTP and an absolute link base configured (the same test as the sender's).</summary>
    private NoticeEmailPreferenceView View(bool emails) => new(emails, smtp.Settings?.LinkBaseUrl is not null);
}

/// <summary>
/// <c>Emails</c>: the person wants new notices e-mailed. <c>ServerSendsEmail</c>: this installation sends notice mail
/// at all (SMTP and <c>Smtp:LinkBaseUrl</c> configured); when false, nothing is e-mailed whatever the preference.
/// </summary>
public sealed record NoticeEmailPreferenceView(bool Emails, bool ServerSendsEmail);
