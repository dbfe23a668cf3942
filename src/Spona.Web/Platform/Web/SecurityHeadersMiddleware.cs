namespace Spona.Web.Platform.Web;

/// <summary>
/// Browser hardening on every response (S9): a content security policy without inline script, no framing, no MIME
/// sniffing, no referrer leaks, and no caching of anything a signed-in user sees.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>
    /// The API reference page is a third-party bundle (served locally) that styles itself inline; its one inline script
    /// carries a fresh nonce per request (Scalar's <c>WithNonce</c>), so no other inline script runs. Everything it
    /// loads or calls must come from this host: fonts, images, requests (no telemetry, proxy or CDN).
    /// </summary>
    private static string ApiReferencePolicy(HttpContext context)
    {
        var nonce = context.Items.TryGetValue(Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey, out var value) && value is string n ? $" 'nonce-{n}'" : "";
        return $"default-src 'self'; script-src 'self'{nonce}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var isApiReference = context.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase);
            headers.ContentSecurityPolicy = isApiReference ? ApiReferencePolicy(context) : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (context.User.Identity?.IsAuthenticated == true || !context.Request.Path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
