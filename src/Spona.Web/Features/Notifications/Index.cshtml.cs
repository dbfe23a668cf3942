using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Spona.Web.Features.Notifications;

public sealed class IndexModel(NotificationList list, MarkNotificationsRead mark) : PageModel
{
    public NotificationListView Result { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "p")] int? page, CancellationToken cancellationToken) =>
        Result = await list.ListAsync(NotificationsModule.RecipientOf(User), unreadOnly: false, page, null, cancellationToken);

    public async Task<IActionResult> OnPostReadAsync(Guid id, [FromQuery(Name = "p")] int? page, CancellationToken cancellationToken) =>
        await mark.OneAsync(NotificationsModule.RecipientOf(User), id, cancellationToken) ? BackTo(page) : NotFound();

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        await mark.AllAsync(NotificationsModule.RecipientOf(User), cancellationToken);
        return BackTo(null);
    }

    private RedirectResult BackTo(int? page) =>
        Redirect(page is > 1 ? "/notifications?p=" + page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "/notifications");
}
