using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using Spona.Web.Platform.Web;

namespace Spona.Web.Platform.Api;

/// <summary>The JSON API under <c>/api/v1</c>: OpenAPI document at <c>/openapi/v1.json</c>, reference at <c>/scalar/v1</c>.</summary>
public static class ApiSetup
{
    public static IServiceCollection AddSponaApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Spona API";
            document.Info.Description = "The API of Spona. Every endpoint requires a signed-in user and names the permission it needs; errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        services.AddValidation();
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            // {"code":"A","code":"B"} means two things to two parsers; refuse it instead of letting the last win (ADR 0014).
            options.SerializerOptions.AllowDuplicateProperties = false;
        });
        return services;
    }

    public static WebApplication MapSponaApi(this WebApplication app)
    {
        // The API description is public knowledge for integrators; the data behind it is not.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", options => options.WithTitle("Spona API")).AllowAnonymous();
        return app;
    }

    /// <summary>The group every module's endpoints hang from.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup($"/api/v1/{prefix}").WithTags(tag).RequireAuthorization().RequireRateLimiting(RateLimits.Api)
            .AddEndpointFilterFactory(Input.TextEndpointFilter.Create);
}
