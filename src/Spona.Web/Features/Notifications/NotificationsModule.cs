using System.Security.Claims;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;

namespace Spona.Web.Features.Notifications;

/// <summary>The notifications list and its API. Modules send notices through Platform/Notifications (Notifier).</summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services)
    {
        services.AddScoped<NotificationList>();
        services.AddScoped<MarkNotificationsRead>();
        services.AddScoped<NoticeEmailPreference>();
        services.AddAuditOperationType(NoticeEmailPreference.ChangeOperation);
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
            options.Conventions.AuthorizeFolder("/Notifications", Permissions.NotificationsRead));
        return services;
    }

    public static WebApplication MapNotificationsModule(this WebApplication app)
    {
        NotificationEndpoints.Map(app);
        return app;
    }

    /// <summary>The signed-in account whose notices are read; the policy has already required one.</summary>
    internal static Guid RecipientOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : throw new InvalidOperationException("Notifications need a signed-in account.");
}
