using Microsoft.AspNetCore.Identity;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Web;

namespace Spona.Web.Platform.Identity;

public static class IdentitySetup
{
    public const string AutomaticScheme = "Spona";

    /// <summary>Accounts, roles and password hashing: what both the web app and the CLI need.</summary>
    public static IServiceCollection AddSponaIdentityCore(this IServiceCollection services)
    {
        services.AddIdentityCore<SponaUser>(options =>
            {
                // NIST SP 800-63B: length over composition rules, plus a check against common and leaked passwords.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.Name;
                options.Tokens.AuthenticatorIssuer = "Spona";
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<SponaClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.Name)
            .AddPasswordValidator<CommonPasswordValidator>();

        // Activation links (a password-reset token) stay valid for three days; using one changes the security stamp.
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromDays(3));
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section).Validate(
            o => o.IdleTimeoutMinutes is >= 1 and <= 60 && o.AbsoluteLifetimeHours is >= 1 and <= 24,
            "Sessions:IdleTimeoutMinutes must be 1-60 and Sessions:AbsoluteLifetimeHours 1-24.").ValidateOnStart();

        // PBKDF2-HMAC-SHA512 (Identity v3 format) with the iteration count of OWASP's 2023 guidance (S2).
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);
        services.AddScoped<FirstAdministratorSetup>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<ApiTokenAuthenticator>();
        services.AddSingleton<ApiTokenLookup>();
        return services;
    }

    /// <summary>Cookie sign-in for the web application.</summary>
    public static IServiceCollection AddSponaSignIn(this IServiceCollection services, IHostEnvironment environment)
    {
        // One default scheme that picks: a Bearer token on the API, else the session cookie.
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = AutomaticScheme;
                options.DefaultChallengeScheme = AutomaticScheme;
                options.DefaultForbidScheme = AutomaticScheme;
            })
            .AddPolicyScheme(AutomaticScheme, "Cookie or API token", options => options.ForwardDefaultSelector = context =>
                ApiTokenAuthenticationHandler.Applies(context.Request)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddIdentityCore<SponaUser>().AddSignInManager<SponaSignInManager>();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider, Microsoft.Extensions.Options.IOptions<SessionOptions>>((options, clock, sessions) =>
            {
                options.TimeProvider = clock;
                options.ExpireTimeSpan = sessions.Value.IdleTimeout;
            });
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            // Between the password and the code: five minutes, same cookie rules as the session.
            options.Cookie.Name = CookieNames.For(environment, "spona-2fa");
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieNames.Policy(environment);
            options.Cookie.Path = "/";
            options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
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
            options.SlidingExpiration = true;
            options.Events.OnSigningIn = SessionValidation.OnSigningIn;
            options.Events.OnValidatePrincipal = SessionValidation.OnValidatePrincipal;
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
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
