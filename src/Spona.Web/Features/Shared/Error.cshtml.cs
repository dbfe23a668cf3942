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

    public Task<IActionResult> OnGetAsync(int? status) => HandleAsync(status);

    public Task<IActionResult> OnPostAsync(int? status) => HandleAsync(status);

    public Task<IActionResult> OnPutAsync(int? status) => HandleAsync(status);

    public Task<IActionResult> OnDeleteAsync(int? status) => HandleAsync(status);

    private async Task<IActionResult> HandleAsync(int? status)
    {
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
