using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Notifications;

/// <summary>One person's notices, newest first, a page at a time, with the text of each in the reader's language.</summary>
public sealed class NotificationList(AppDbContext db, IEnumerable<NotificationKind> kinds, IStringLocalizer<NotificationList> localizer)
{
    public async Task<NotificationListView> ListAsync(Guid recipientId, bool unreadOnly, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = PagedResult<NotificationView>.Normalize(page, pageSize);
        var mine = db.Set<Notification>().AsNoTracking().Where(n => n.RecipientId == recipientId);
        var rows = unreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var total = await rows.CountAsync(cancellationToken);
        var unread = unreadOnly ? total : await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var items = await rows.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((number - 1) * size).Take(size)
            .Select(n => new { n.Id, n.Kind, n.SubjectReference, n.Link, n.CreatedAt, n.ReadAt })
            .ToListAsync(cancellationToken);
        var texts = kinds.ToDictionary(k => k.Code, k => k.Text, StringComparer.Ordinal);
        return new NotificationListView(
            [.. items.Select(n => new NotificationView(n.Id, n.Kind, localizer[texts.GetValueOrDefault(n.Kind, n.Kind)], n.SubjectReference, n.Link, n.CreatedAt, n.ReadAt))],
            number, size, total, unread);
    }
}

/// <summary>A page of notices and how many are unread in all.</summary>
public sealed record NotificationListView(IReadOnlyList<NotificationView> Items, int Page, int PageSize, int Total, int Unread)
{
    public PagedResult<NotificationView> AsPaged() => new(Items, Page, PageSize, Total);
}

/// <summary>A notice as the page and the API show it: what happened (in the reader's language), a pseudonymous reference and a link.</summary>
public sealed record NotificationView(Guid Id, string Kind, string Text, string SubjectReference, string Link, DateTime CreatedAt, DateTime? ReadAt);
