using Spona.Web.Platform.Authorization;

namespace Spona.Web.Features.Strategy;

public static class StrategyModule
{
    public static IServiceCollection AddStrategyModule(this IServiceCollection services)
    {
        services.AddScoped<StrategyCatalogue>();
        services.AddScoped<AmendmentRecorder>();
        services.AddScoped<AmendmentAdoption>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
            options.Conventions.AuthorizeFolder("/Strategy", Permissions.StrategyRead));
        return services;
    }

    public static WebApplication MapStrategyModule(this WebApplication app)
    {
        StrategyEndpoints.Map(app);
        return app;
    }
}
