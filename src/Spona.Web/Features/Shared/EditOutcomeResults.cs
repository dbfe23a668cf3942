using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Spona.Web.Features.Shared;

/// <summary>Turns an <see cref="EditOutcome"/> into an API response or into form errors, the same way everywhere.</summary>
internal static class EditOutcomeResults
{
    public static async Task<IResult> ToApiResultAsync(this EditOutcome outcome, Func<Task<object?>> body) => outcome.Status switch
    {
        EditStatus.Done => Results.Ok(await body()),
        EditStatus.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found."),
        EditStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The record was changed by someone else.", detail: "Read it again and repeat your change."),
        _ => Results.ValidationProblem(outcome.Errors!.ToDictionary(e => e.Key, e => new[] { e.Value })),
    };

    public static async Task<IResult> ToCreatedResultAsync(this EditOutcome outcome, string location, Func<Task<object?>> body) =>
        outcome.Status == EditStatus.Done
            ? Results.Created(string.Format(CultureInfo.InvariantCulture, location, outcome.Key), await body())
            : await outcome.ToApiResultAsync(body);

    /// <summary>
    /// For an edit page: done redirects to <paramref name="listUrl"/> filtered to the saved code, with a notice; not
    /// found is a 404; otherwise the errors go onto the form and null says "show the form again".
    /// </summary>
    public static IActionResult? ToPageResult(this EditOutcome outcome, PageModel page, string listUrl, IStringLocalizer localizer)
    {
        switch (outcome.Status)
        {
            case EditStatus.NotFound:
                return new NotFoundResult();
            case EditStatus.Done:
                page.TempData["Saved"] = true;
                return new RedirectResult(QueryHelpers.AddQueryString(listUrl, "q", outcome.Key!));
            default:
                outcome.AddTo(page.ModelState, "Input", localizer);
                return null;
        }
    }

    /// <summary>Copies errors onto a form; field names are prefixed with the form's input property.</summary>
    public static void AddTo(this EditOutcome outcome, ModelStateDictionary modelState, string prefix, IStringLocalizer localizer)
    {
        if (outcome.Status == EditStatus.Conflict)
        {
            modelState.AddModelError(string.Empty, localizer["Someone else changed this record while you were editing. Reload the page and repeat your change."]);
        }

        foreach (var (field, message) in outcome.Errors ?? new Dictionary<string, string>())
        {
            modelState.AddModelError($"{prefix}.{field}", localizer[message]);
        }
    }
}
