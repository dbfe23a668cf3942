using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Shared;

/// <summary>
/// Where errors end: a page of the site with the status, what to do next and a correlation id for people,
/// ProblemDetails for the API. Never a stack trace, SQL or data (S11).
/// </summary>
/// <remarks>
/// The handlers bind nothing from the request on purpose: the request being re-executed here may be a form post whose
/// antiforgery token failed, and reading such a form throws, which would turn the error page itself into a 500.
/// </remarks>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IProblemDetailsService problems) : PageModel
{
    public int Status { get; private set; }

    public string CorrelationId { get; private set; } = "";

    /// <summary>The form's antiforgery token was missing or stale (a page left open, a second tab, a forged post).</summary>
    public bool FormExpired { get; private set; }

    /// <summary>Seconds until a throttled person may try again (429), from the Retry-After header.</summary>
    public int? RetryAfterSeconds { get; private set; }

    /// <summary>The page the person came from, to go back to, when it is a path on this site.</summary>
    public string? BackPath { get; private set; }

    public Task<IActionResult> OnGetAsync() => HandleAsync();

    public Task<IActionResult> OnPostAsync() => HandleAsync();

    public Task<IActionResult> OnPutAsync() => HandleAsync();

    public Task<IActionResult> OnPatchAsync() => HandleAsync();

    public Task<IActionResult> OnDeleteAsync() => HandleAsync();

    private async Task<IActionResult> HandleAsync()
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var reExecute = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        Status = int.TryParse(Request.Query["status"], NumberStyles.None, CultureInfo.InvariantCulture, out var requested) && requested is >= 400 and < 600
            ? requested
            : exception is null ? Response.StatusCode : Response.StatusCode >= 400 ? Response.StatusCode : 500;
        if (Status < 400)
        {
            Status = StatusCodes.Status404NotFound;
        }

        Response.StatusCode = Status;
        CorrelationId = ErrorHandlingSetup.CorrelationId(HttpContext);
        var originalPath = exception?.Path ?? reExecute?.OriginalPath ?? "";
        if (originalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = HttpContext,
                Exception = exception?.Error,
                ProblemDetails = { Status = Status },
            });
            return new EmptyResult();
        }

        FormExpired = Status == StatusCodes.Status400BadRequest && AntiforgeryFailures.FormExpired(HttpContext);
        RetryAfterSeconds = int.TryParse(Response.Headers.RetryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        BackPath = IsSitePath(originalPath) && originalPath != "/error" ? originalPath : null;
        return Page();
    }

    // A request path such as "//evil.example/" would make a link to another site.
    private static bool IsSitePath(string path) =>
        path.Length > 0 && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')) && path.All(c => !char.IsControl(c));
}
