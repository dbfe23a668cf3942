using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Errors;

namespace Spona.Web.Features.Shared;

/// <summary>
/// Where errors end: a page with the status and a correlation id for people, ProblemDetails for the API. Never a stack
/// trace, SQL or data (S11).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IProblemDetailsService problems) : PageModel
{
    public int Status { get; private set; }

    public string CorrelationId { get; private set; } = "";

    // No bound parameters: the error page re-executes inside the failed request, whose form may carry a refused
    // antiforgery token; binding it would throw again and turn a 400 into a 500.
    public Task<IActionResult> OnGetAsync() => HandleAsync();

    public Task<IActionResult> OnPostAsync() => HandleAsync();

    public Task<IActionResult> OnPutAsync() => HandleAsync();

    public Task<IActionResult> OnDeleteAsync() => HandleAsync();

    private async Task<IActionResult> HandleAsync()
    {
        int? status = int.TryParse(Request.Query["status"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed is >= 400 and <= 599 ? parsed : null;
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var reExecute = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        Status = status ?? (exception is null ? Response.StatusCode : Response.StatusCode >= 400 ? Response.StatusCode : 500);
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

        return Page();
    }
}
