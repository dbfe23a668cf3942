using System.Diagnostics;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace Spona.Web.Platform.Errors;

/// <summary>
/// Fail secure (S11): an unexpected error shows a correlation id and nothing else: no stack trace, SQL or data.
/// The API answers with ProblemDetails; pages show /error.
/// </summary>
public static class ErrorHandlingSetup
{
    public static IServiceCollection AddSponaErrors(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["correlationId"] = CorrelationId(context.HttpContext);
            context.ProblemDetails.Extensions.Remove("exception");
            if (context.Exception is DomainRuleViolation violation)
            {
                context.ProblemDetails.Status = StatusCodes.Status409Conflict;
                context.HttpContext.Response.StatusCode = StatusCodes.Status409Conflict;
                context.ProblemDetails.Title = "The request breaks a rule.";
                context.ProblemDetails.Detail = violation.Message;
                context.ProblemDetails.Extensions["code"] = violation.Code;
            }
            else if (IsBadRequest(context.Exception))
            {
                context.ProblemDetails.Status = StatusCodes.Status400BadRequest;
                context.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.ProblemDetails.Title = "The request is malformed.";
                context.ProblemDetails.Detail = null;
                // A JSON body the reader refused: say where (the JSON path), never the reader's message (it names types).
                if (context.Exception?.InnerException is System.Text.Json.JsonException { Path: { } path })
                {
                    context.ProblemDetails.Detail = "The JSON body could not be read at the place named by 'at': a member this request does not have, a member given twice, or a value of the wrong type.";
                    context.ProblemDetails.Extensions["at"] = path.Length <= 200 ? path : path[..200];
                }
            }
        });

    public static WebApplication UseSponaErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = exception => exception switch
            {
                DomainRuleViolation => StatusCodes.Status409Conflict,
                BadHttpRequestException bad => bad.StatusCode,
                AntiforgeryValidationException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            },
            // A malformed request is the client's mistake, not ours: one short line without a stack trace, so that a
            // burst of them cannot flood the log. Real faults still log at Error with the correlation id (S11).
            SuppressDiagnosticsCallback = context =>
            {
                if (!IsBadRequest(context.Exception) && context.Exception is not DomainRuleViolation)
                {
                    return false;
                }

                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ErrorHandlingSetup).FullName!)
                    .LogInformation("Refused a malformed request ({Reason}); correlation id {CorrelationId}", context.Exception.GetType().Name, CorrelationId(context.HttpContext));
                return true;
            },
        });
        app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
        return app;
    }

    internal static bool IsBadRequest(Exception? exception) => exception is BadHttpRequestException or AntiforgeryValidationException;

    public static string CorrelationId(HttpContext context) =>
        Activity.Current?.TraceId.ToString() ?? context.Features.Get<IHttpActivityFeature>()?.Activity.TraceId.ToString() ?? context.TraceIdentifier;
}
