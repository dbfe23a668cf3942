using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Strategy;

public static class StrategyModule
{
    public static IServiceCollection AddStrategyModule(this IServiceCollection services)
    {
        services.AddScoped<StrategyCatalogue>();
        services.AddMenuEntry(new MenuEntry("/strategy", Localizable.Text("Strategy"), 20));
        services.AddScoped<AmendmentRecorder>();
        services.AddScoped<AmendmentAdoption>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
            options.Conventions.AuthorizeFolder("/Strategy", StrategyPermissions.Read));
        return services;
    }

    public static WebApplication MapStrategyModule(this WebApplication app)
    {
        StrategyEndpoints.Map(app);
        return app;
    }
}
