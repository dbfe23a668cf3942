using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Spona.Web.Platform.Localization;

/// <summary>
/// API errors in the request's language (<c>?culture=</c> or <c>Accept-Language</c>): every problem-details response
/// (400 to 500, validation errors included) passes here last, and its title, detail and field messages, written in
/// English where they arise, are translated through the catalogue. Codes, field names and types stay as they are,
/// for programs.
/// </summary>
internal static class ProblemDetailsLanguage
{
    public static IServiceCollection AddProblemDetailsLanguage(this IServiceCollection services)
    {
        services.AddSingleton<MessageTranslator>();
        services.AddOptions<ProblemDetailsOptions>().PostConfigure<MessageTranslator>((options, translator) =>
        {
            var customize = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                Translate(context, translator);
            };
        });
        return services;
    }

    private static void Translate(ProblemDetailsContext context, MessageTranslator translator)
    {
        var culture = SupportedCultures.Normalize(context.HttpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture);
        var problem = context.ProblemDetails;
        problem.Title = translator.Translate(problem.Title ?? DefaultTitle(problem.Status ?? context.HttpContext.Response.StatusCode), culture);
        problem.Detail = translator.Translate(problem.Detail, culture);
        if (problem is HttpValidationProblemDetails validation)
        {
            foreach (var field in validation.Errors.Keys.ToList())
            {
                validation.Errors[field] = [.. validation.Errors[field].Select(message => translator.Translate(message, culture) ?? message)];
            }
        }
    }

    /// <summary>Titles for the statuses the framework leaves without one.</summary>
    private static string? DefaultTitle(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Payload Too Large",
        StatusCodes.Status429TooManyRequests => "Too Many Requests",
        _ => null,
    };
}
