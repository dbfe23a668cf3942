using Spona.Web.Platform.Authorization;

namespace Spona.Web.Features.Users;

public static class UsersModule
{
    public static IServiceCollection AddUsersModule(this IServiceCollection services)
    {
        services.AddScoped<UserAdministration>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            // Page by page: the role table is also for auditors and the State Coordinator's office, who manage no users.
            options.Conventions.AuthorizePage("/Users/Index", Permissions.UsersManage);
            options.Conventions.AuthorizePage("/Users/Invite", Permissions.UsersManage);
            options.Conventions.AuthorizePage("/Users/Detail", Permissions.UsersManage);
            options.Conventions.AuthorizePage("/Users/RoleRequests", Permissions.UsersManage);
            options.Conventions.AuthorizePage("/Users/Roles", Permissions.RolesRead);
        });
        return services;
    }

    public static WebApplication MapUsersModule(this WebApplication app)
    {
        UsersEndpoints.Map(app);
        return app;
    }
}
