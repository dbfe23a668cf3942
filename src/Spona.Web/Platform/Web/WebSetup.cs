using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Spona.Web.Platform.Configuration;
using Spona.Web.Platform.Errors;

namespace Spona.Web.Platform.Web;

public static class WebSetup
{
    public static IServiceCollection AddSponaWeb(this IServiceCollection services, IHostEnvironment environment, IConfiguration configuration)
    {
        services.AddRazorPages(options =>
            {
                // Pages live with their module under Features/ (architecture: feature first).
                options.RootDirectory = "/Features";
                options.Conventions.AuthorizeFolder("/");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization()
            .AddMvcOptions(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.Add(new AntiforgeryFailures());
                // A broken domain rule becomes a form error on the page shown again (ADR 0028).
                options.Filters.Add<Errors.DomainRuleFilter>();
                // Every bound string passes the one text rule (ADR 0015); no page has to remember it.
                options.ModelValidatorProviders.Add(new Input.TextModelValidatorProvider());
            });
        // Pages are UTF-8: letters of every script go out as themselves, not as &#x41F; (the default encoder allows only
        // Basic Latin). Markup characters (<, >, &, quotes) and controls are still encoded.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options => options.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        services.AddSingleton<SealedQuery>();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = CookieNames.For(environment, "spona-af");
            options.Cookie.SecurePolicy = CookieNames.Policy(environment);
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        var proxyNetworks = ParseNetworks(configuration["ReverseProxy:KnownNetworks"]);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Only proxies the operator names are believed (loopback by default): a forged X-Forwarded-For from
            // anywhere else must not change the client address that logs and rate limits see.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in proxyNetworks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.Configure<RouteOptions>(options =>
        {
            options.LowercaseUrls = true;
        });
        return services;
    }

    private static List<System.Net.IPNetwork> ParseNetworks(string? value)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!System.Net.IPNetwork.TryParse(part, out var network))
            {
                throw new StartupConfigurationException(
                    $"Configuration key 'ReverseProxy:KnownNetworks' has the value '{part}', which is not a network in CIDR notation such as 10.0.0.0/24.");
            }

            networks.Add(network);
        }

        return networks;
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
        if (!app.Environment.IsDevelopment())
        {
            app.UseMiddleware<HttpsOnlyMiddleware>();
        }

        app.UseStaticFiles();
        app.UseRouting();
        // ASP.NET Core's authentication step, with a Bearer token on the API checked directly (ADR 0025).
        ((IApplicationBuilder)app).Properties[Identity.ApiTokenAuthenticationMiddleware.PlacedKey] = true;
        app.UseMiddleware<Identity.ApiTokenAuthenticationMiddleware>();
        // Who the request acts for, once: account, institution, jurisdiction subtree, roles and permissions (S5).
        app.UseMiddleware<Access.CurrentUserMiddleware>();
        app.UseMiddleware<Identity.TwoFactorEnrollmentGate>();
        // After authentication: the signed-in user's remembered language is a claim of their cookie.
        app.UseRequestLocalization();
        // Before authorization, so that a read refused by permission is recorded as denied (ADR 0019).
        app.UseMiddleware<Audit.ReadAuditMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<Input.FormNulMiddleware>();
        app.UseAntiforgery();
        return app;
    }
}
