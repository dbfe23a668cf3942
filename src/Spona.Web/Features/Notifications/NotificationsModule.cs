using System.Security.Claims;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Modules;

namespace Spona.Web.Features.Notifications;

/// <summary>The notifications list and its API. Modules send notices through Platform/Notifications (Notifier).</summary>
public sealed class NotificationsModule : ISponaModule
{
    public int Order => 70;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<NotificationList>();
        services.AddScoped<MarkNotificationsRead>();
        services.AddScoped<NoticeEmailPreference>();
        services.AddAuditOperationType(NoticeEmailPreference.ChangeOperation);
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
            options.Conventions.AuthorizeFolder("/Notifications", Permissions.NotificationsRead));
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        NotificationEndpoints.Map(routes);
    }

    /// <summary>The signed-in account whose notices are read; the policy has already required one.</summary>
    internal static Guid RecipientOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : throw new InvalidOperationException("Notifications need a signed-in account.");
}
