using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Spona.Web.Platform.Web;

/// <summary>
/// Tells the error page that a form was refused for its antiforgery token (a page left open past the token's life, a
/// second tab, a forged post), so that it can say so instead of "the request could not be handled". Minimal-API forms
/// record that in <see cref="IAntiforgeryValidationFeature"/>; MVC's filter answers 400 without recording why, so this
/// filter marks the request when it sees MVC's refusal.
/// </summary>
public sealed class AntiforgeryFailures : IAlwaysRunResultFilter
{
    public static bool FormExpired(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<Refused>() is not null || context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false };
    }

    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.HttpContext.Features.Set(new Refused());
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }

    private sealed class Refused;
}
