using Microsoft.AspNetCore.Identity;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Web;

namespace Spona.Web.Platform.Identity;

public static class IdentitySetup
{
    /// <summary>Accounts, roles and password hashing: what both the web app and the CLI need.</summary>
    public static IServiceCollection AddSponaIdentityCore(this IServiceCollection services)
    {
        services.AddIdentityCore<SponaUser>(options =>
            {
                // NIST SP 800-63B: length over composition rules. Breached-password checks come with the security core.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<SponaClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        // PBKDF2-HMAC-SHA512 (Identity v3 format) with the iteration count of OWASP's 2023 guidance (S2).
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);
        services.AddScoped<FirstAdministratorSetup>();
        return services;
    }

    /// <summary>Cookie sign-in for the web application.</summary>
    public static IServiceCollection AddSponaSignIn(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<SponaUser>().AddSignInManager();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieNames.For(environment, "spona");
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieNames.Policy(environment);
            options.Cookie.Path = "/";
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromMinutes(15);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        return services;
    }

    /// <summary>The API answers 401/403 with ProblemDetails instead of redirecting to the sign-in page.</summary>
    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context.HttpContext }).AsTask();
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
