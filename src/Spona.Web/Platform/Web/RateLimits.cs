using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Spona.Web.Platform.Web;

/// <summary>
/// Throttling (S1, S15): password and setup-link guessing per client address, and API use per user. A refused request
/// gets 429 with Retry-After. Limits per minute come from <c>RateLimits:SignInPerMinute</c> (default 10) and
/// <c>RateLimits:ApiPerMinute</c> (default 300).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Api = "api";

    public static IServiceCollection AddSponaRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signInPerMinute = Limit(configuration, "RateLimits:SignInPerMinute", 10);
        var apiPerMinute = Limit(configuration, "RateLimits:ApiPerMinute", 300);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            // Only attempts count: reading the sign-in page is free.
            options.AddPolicy(SignIn, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => PerMinute(signInPerMinute))
                : RateLimitPartition.GetNoLimiter("read"));
            options.AddPolicy(Api, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? ClientAddress(context), _ => PerMinute(apiPerMinute)));
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions PerMinute(int limit) =>
        new() { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static int Limit(IConfiguration configuration, string key, int fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? limit
            : throw new Configuration.StartupConfigurationException($"Configuration key '{key}' must be a whole number above zero, not '{value}'.");
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = $"Try again in {seconds} seconds." },
            });
            return;
        }

        // A page route writes nothing: the status code pages show the site's error page, which reads Retry-After.
    }
}
