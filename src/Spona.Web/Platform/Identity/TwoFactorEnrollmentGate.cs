namespace Spona.Web.Platform.Identity;

/// <summary>
/// A session opened with a password alone (an account that has not enrolled an authenticator yet) is sent to
/// enrollment from every page. This is guidance, not the control: every permission policy itself requires the
/// second factor, so the API answers such a session with 403.
/// </summary>
internal sealed class TwoFactorEnrollmentGate(RequestDelegate next)
{
    public const string EnrollmentPath = "/account/two-factor";

    private static readonly string[] OpenPaths =
    [
        EnrollmentPath, "/account/sign-out", "/account/sign-in", "/account/access-denied", "/culture", "/error", "/api",
        "/css", "/js", "/lib", "/favicon.ico", "/health", "/metrics", "/openapi", "/scalar",
    ];

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (context.User.Identity?.IsAuthenticated == true
            && !SecondFactor.IsSatisfied(context.User)
            && HttpMethods.IsGet(context.Request.Method)
            && !OpenPaths.Any(open => path.StartsWithSegments(open, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect(EnrollmentPath);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
