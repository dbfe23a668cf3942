using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Notifications;

/// <summary>
/// Marks one's own notices read. Every statement is filtered by the recipient: another person's notice id is not
/// found and nothing changes. Notices are not audited records, so one UPDATE does it.
/// </summary>
public sealed class MarkNotificationsRead(AppDbContext db, TimeProvider clock)
{
    /// <summary>False when the person has no such notice; marking a read notice again changes nothing and is true.</summary>
    public async Task<bool> OneAsync(Guid recipientId, Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.Set<Notification>().Where(n => n.Id == id && n.RecipientId == recipientId);
        return await mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken) > 0
            || await mine.AnyAsync(cancellationToken);
    }

    /// <summary>Marks every unread notice of the person read; returns how many.</summary>
    public Task<int> AllAsync(Guid recipientId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<Notification>().Where(n => n.RecipientId == recipientId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
