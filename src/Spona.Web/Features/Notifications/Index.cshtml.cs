using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Spona.Web.Features.Notifications;

public sealed class IndexModel(NotificationList list, MarkNotificationsRead mark, NoticeEmailPreference emailPreference) : PageModel
{
    public NotificationListView Result { get; private set; } = null!;

    public NoticeEmailPreferenceView? Emails { get; private set; }

    /// <summary>Set after a change of the e-mail preference, for the confirmation shown once.</summary>
    [TempData]
    public string? EmailsSaved { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "p")] int? page, CancellationToken cancellationToken)
    {
        var me = NotificationsModule.RecipientOf(User);
        Result = await list.ListAsync(me, unreadOnly: false, page, null, cancellationToken);
        Emails = await emailPreference.GetAsync(me, cancellationToken);
    }

    /// <summary>The checkbox posts "true" before its hidden "false"; without either value nothing changes.</summary>
    public async Task<IActionResult> OnPostEmailsAsync([FromForm(Name = "emails")] bool? emails, CancellationToken cancellationToken)
    {
        if (emails is null)
        {
            return BadRequest();
        }

        if (await emailPreference.SetAsync(NotificationsModule.RecipientOf(User), emails.Value, cancellationToken) is null)
        {
            return NotFound();
        }

        EmailsSaved = emails.Value ? "on" : "off";
        return BackTo(null);
    }

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
