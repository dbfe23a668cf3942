using Spona.Web.Platform.Authorization;

namespace Spona.Web.Features.Users;

public static class UsersModule
{
    public static IServiceCollection AddUsersModule(this IServiceCollection services)
    {
        services.AddScoped<UserAdministration>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/Users", Permissions.UsersManage);
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
