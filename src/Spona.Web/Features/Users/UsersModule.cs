using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Users;

public sealed class UsersModule : ISponaModule
{
    public int Order => 30;

    /// <summary>Sent to the other administrators when a role that oversees waits for a second administrator (S15).</summary>
    public static readonly NotificationKind RoleRequested = new("user.role-requested", "A role waits for your approval");

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<UserQueries>();
        services.AddScoped<AccountChanges>();
        services.AddScoped<InviteUser>();
        services.AddScoped<ChangeUserRoles>();
        services.AddScoped<DecideRoleRequest>();
        services.AddScoped<UnlockAccount>();
        services.AddScoped<DisableAccount>();
        services.AddScoped<ResetSecondFactor>();
        services.AddScoped<IssueActivationLink>();
        services.AddSingleton<RoleTableJson>();
        services.AddMenuEntry(new MenuEntry("/admin/users", Localizable.Text("Users"), 40, UsersPermissions.Manage, Section: "/admin"));
        // Who may read the role table but not manage accounts gets the table itself.
        services.AddMenuEntry(new MenuEntry("/admin/roles", Localizable.Text("Roles and permissions"), 40, UsersPermissions.RolesRead, HiddenWith: UsersPermissions.Manage, Section: "/admin"));
        services.AddScoped<ActivationMail>();
        services.AddNotificationKind(RoleRequested);
        foreach (var operation in UsersOperations.All)
        {
            services.AddAuditOperationType(operation);
        }

        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            // Page by page: the role table is also for auditors and the State Coordinator's office, who manage no users.
            options.Conventions.AuthorizePage("/Users/Index", UsersPermissions.Manage);
            options.Conventions.AuthorizePage("/Users/Invite", UsersPermissions.Manage);
            options.Conventions.AuthorizePage("/Users/Detail", UsersPermissions.Manage);
            options.Conventions.AuthorizePage("/Users/RoleRequests", UsersPermissions.Manage);
            options.Conventions.AuthorizePage("/Users/Roles", UsersPermissions.RolesRead);
        });
    }

    /// <summary>Links point where the administrator reached Spona; the mail is in the administrator's language unless the person chose one.</summary>
    internal static LinkDelivery DeliveryFor(HttpRequest request) =>
        new($"{request.Scheme}://{request.Host}", SupportedCultures.Normalize(System.Globalization.CultureInfo.CurrentUICulture));

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        UsersEndpoints.Map(routes);
    }
}
