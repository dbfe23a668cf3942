using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Notifications;

/// <summary>
/// The count in the header of every page: one query, answered from the partial index of unread notices
/// (<see cref="NotificationConfiguration.UnreadIndex"/>). Null when the reader has no notices to see (not signed in,
/// second factor not yet given, or no permission).
/// </summary>
public sealed class UnreadNotificationCount(AppDbContext db)
{
    public async Task<int?> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!SecondFactor.IsSatisfied(user) || !RolePermissions.Allows(user, Permissions.NotificationsRead)
            || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return null;
        }

        return await db.Set<Notification>().CountAsync(n => n.RecipientId == id && n.ReadAt == null, cancellationToken);
    }
}
