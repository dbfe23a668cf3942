namespace Spona.Web.Platform.Notifications;

/// <summary>
/// What a notification says happened. A module declares its kinds (code and English text, translated in its strings)
/// and registers them with <see cref="NotificationSetup.AddNotificationKind"/>; the list page shows the text.
/// </summary>
public sealed record NotificationKind(string Code, string Text);
