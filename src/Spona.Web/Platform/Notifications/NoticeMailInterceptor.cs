using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Mail;

namespace Spona.Web.Platform.Notifications;

/// <summary>
/// E-mails new notices (ADR 0026): when a save adds notices, it queues in the same save (the same transaction) one
/// mail per recipient with a fixed text, the number of new notices, a pseudonymous code and a link to the notices
/// page; never the notice's subject, a name or other personal data. Only when SMTP and <c>Smtp:LinkBaseUrl</c> are
/// set, and not for disabled accounts or people who turned notice e-mails off.
/// </summary>
public sealed class NoticeMailInterceptor(SmtpConfiguration configuration, TranslationCatalog catalog, TimeProvider clock, MailSignal signal, IOptions<RequestLocalizationOptions> localization)
    : SaveChangesInterceptor
{
    public const string Kind = "notice.new";

    private readonly ConditionalWeakTable<DbContext, object> queued = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await QueueAsync(context, cancellationToken);
        }

        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            QueueAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        }

        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Wake(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Wake(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    private void Wake(DbContext? context)
    {
        // After the commit only: the sender finds the rows at once (a failed save wakes nothing).
        if (context is not null && queued.Remove(context))
        {
            signal.Wake();
        }
    }

    private async Task QueueAsync(DbContext context, CancellationToken cancellationToken)
    {
        var baseUrl = configuration.Settings?.LinkBaseUrl;
        if (baseUrl is null)
        {
            return;
        }

        var notices = context.ChangeTracker.Entries<Notification>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .GroupBy(n => n.RecipientId)
            .ToDictionary(g => g.Key, g => g.OrderBy(n => n.CreatedAt).ToList());
        if (notices.Count == 0)
        {
            return;
        }

        var ids = notices.Keys.ToList();
        var recipients = await context.Set<SponaUser>().AsNoTracking()
            .Where(u => ids.Contains(u.Id) && !u.IsDisabled && !u.NoticeEmailsOff && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.PreferredCulture })
            .ToListAsync(cancellationToken);
        // A save that failed and is tried again has its mails queued already: still one per person.
        var already = context.ChangeTracker.Entries<OutboxMail>()
            .Where(e => e.State == EntityState.Added && e.Entity.Kind == Kind)
            .Select(e => e.Entity.Recipient)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var link = baseUrl.AbsoluteUri.TrimEnd('/') + "/notifications";
        var now = clock.GetUtcNow().UtcDateTime;
        var any = false;
        foreach (var recipient in recipients)
        {
            if (string.IsNullOrWhiteSpace(recipient.Email) || already.Contains(recipient.Email))
            {
                continue;
            }

            var list = notices[recipient.Id];
            var culture = SupportedCultures.IsSupported(recipient.PreferredCulture) ? recipient.PreferredCulture! : localization.Value.DefaultRequestCulture.UICulture.Name;
            var (subject, body) = Compose(list.Count, Code(list[0].Id), link, culture);
            context.Add(OutboxMail.Queue(Kind, recipient.Email, subject, body, now));
            any = true;
        }

        if (any)
        {
            queued.AddOrUpdate(context, new object());
        }
    }

    /// <summary>The pseudonymous code of a notice: <c>N-</c> and the first eight hex digits of its id.</summary>
    public static string Code(Guid noticeId) => "N-" + noticeId.ToString("N", CultureInfo.InvariantCulture)[..8];

    private (string Subject, string Body) Compose(int count, string code, string link, string culture)
    {
        string T(string key) => catalog.Find(key, culture) ?? key;
        var format = CultureInfo.InvariantCulture;
        var subject = string.Format(format, T(Localizable.Text("New notices in Spona: {0}")), count);
        var body = string.Join(
            "\n\n",
            string.Format(format, T(Localizable.Text("You have new notices in Spona: {0}. Open the link and sign in to read them:")), count),
            link,
            string.Format(format, T(Localizable.Text("Code: {0}")), code),
            T(Localizable.Text("This message says nothing more on purpose: what the notices are about is shown only in Spona, after you sign in."))) + "\n";
        return (subject, body);
    }
}
