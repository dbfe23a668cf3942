using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Spona.Web.Platform.Errors;

namespace Spona.Web.Platform.Web;

public static class WebSetup
{
    public static IServiceCollection AddSponaWeb(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddRazorPages(options =>
            {
                // Pages live with their module under Features/ (architecture: feature first).
                options.RootDirectory = "/Features";
                options.Conventions.AuthorizeFolder("/");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization()
            .AddMvcOptions(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = CookieNames.For(environment, "spona-af");
            options.Cookie.SecurePolicy = CookieNames.Policy(environment);
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.Configure<RouteOptions>(options =>
        {
            options.LowercaseUrls = true;
        });
        return services;
    }

    public static WebApplication UseSponaWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSponaErrors();
        // TLS ends at the reverse proxy (README, deployment); HSTS is sent on every HTTPS response outside development.
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        // After authentication: the signed-in user's remembered language is a claim of their cookie.
        app.UseRequestLocalization();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
