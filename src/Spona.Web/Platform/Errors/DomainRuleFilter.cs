using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Errors;

/// <summary>
/// The one place where a broken domain rule becomes what the person sees. On a page (<see cref="IShowRuleViolations"/>)
/// it is a form error in the reader's language, on the page shown again with nothing saved; on the API it is a 409
/// problem with the rule's code (<see cref="ErrorHandlingSetup"/>). A page that does not declare how to show itself
/// again lets the violation reach the error page, with status 409.
/// </summary>
internal sealed class DomainRuleFilter(IStringLocalizerFactory localizers) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.ExceptionHandled || executed.Exception is not DomainRuleViolation violation || context.HandlerInstance is not IShowRuleViolations page)
        {
            return;
        }

        executed.ExceptionHandled = true;
        // Whatever the refused change had tracked is forgotten, so that the page shows what is stored, not the change.
        if (context.HttpContext.RequestServices.GetService<AppDbContext>() is { } db)
        {
            db.ChangeTracker.Clear();
        }

        executed.ModelState.AddModelError(string.Empty, localizers.Create(context.HandlerInstance.GetType())[violation.Message]);
        executed.Result = await page.ShowAgainAsync(context.HttpContext.RequestAborted);
        if (executed.Result is PageResult shown)
        {
            // As on the API: the request was understood, and a rule of the record refused it.
            shown.StatusCode = StatusCodes.Status409Conflict;
        }
    }
}
