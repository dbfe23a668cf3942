namespace Spona.Web.Platform.Notifications;

public static class NotificationSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<Notifier>();
        services.AddScoped<UnreadNotificationCount>();
        // Added to every context by PersistenceSetup: new notices queue their e-mail in the same save (ADR 0026).
        services.AddSingleton<NoticeMailInterceptor>();
        return services;
    }

    /// <summary>A module declares a kind of notice it sends, so that the list can show its text.</summary>
    public static IServiceCollection AddNotificationKind(this IServiceCollection services, NotificationKind kind) =>
        services.AddSingleton(kind);
}
