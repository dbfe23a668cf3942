using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Notifications;

/// <summary>
/// What other modules call to notify people. The notices are added to the caller's unit of work and commit with the
/// change that caused them (or not at all); the caller saves.
/// </summary>
public sealed class Notifier(AppDbContext db, TimeProvider clock)
{
    /// <summary>Notifies one person.</summary>
    public void Notify(Guid recipientId, NotificationKind kind, string subjectReference, string link) =>
        db.Add(Notification.For(recipientId, kind, subjectReference, link, clock.GetUtcNow().UtcDateTime));

    /// <summary>
    /// Notifies every enabled account of <paramref name="institutionId"/> whose roles hold <paramref name="permission"/>,
    /// except <paramref name="except"/> (the person who acted); returns how many were notified.
    /// </summary>
    public async Task<int> NotifyInstitutionAsync(Guid institutionId, string permission, NotificationKind kind, string subjectReference, string link, Guid? except, CancellationToken cancellationToken)
    {
        var roles = RolePermissions.RolesWith(permission).ToList();
        var recipients = await db.Users.AsNoTracking()
            .Where(u => u.InstitutionId == institutionId && !u.IsDisabled && u.Id != except)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        foreach (var recipient in recipients)
        {
            Notify(recipient, kind, subjectReference, link);
        }

        return recipients.Count;
    }
}
