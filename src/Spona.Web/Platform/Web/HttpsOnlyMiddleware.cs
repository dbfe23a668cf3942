namespace Spona.Web.Platform.Web;

/// <summary>
/// Outside development Spona answers only over HTTPS (S9): directly, or behind a trusted reverse proxy that sends
/// <c>X-Forwarded-Proto: https</c>. A plain-HTTP request gets a clear 400 instead of a page whose secure cookies the
/// browser would drop. Health and metrics stay reachable for load balancers and monitoring on the internal network.
/// </summary>
internal sealed class HttpsOnlyMiddleware(RequestDelegate next)
{
    public const string Message =
        "Spona is served over HTTPS only. Open this address with https://, or configure the reverse proxy to send X-Forwarded-Proto (see the README, Deployment).";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.IsHttps
            || context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(Message);
    }
}
