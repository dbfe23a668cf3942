using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using Spona.Web.Platform.Web;

namespace Spona.Web.Platform.Api;

/// <summary>The JSON API under <c>/api/v1</c>: OpenAPI document at <c>/openapi/v1.json</c>, reference at <c>/scalar/v1</c>.</summary>
public static class ApiSetup
{
    public static IServiceCollection AddSponaApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Spona API";
                document.Info.Description = "The API of Spona. Every endpoint requires an API token (or a signed-in session) and names the permission it needs; errors are RFC 9457 problem details.";
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<BearerTokenDocumentTransformer>();
            options.AddOperationTransformer<ApiOperationTransformer>();
        });
        services.AddValidation();
        // A body or parameter that cannot be bound becomes a BadHttpRequestException, so that the one error handler
        // answers it (400, translated, with the JSON path) instead of a bare status without a body.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            // {"code":"A","code":"B"} means two things to two parsers; refuse it instead of letting the last win (ADR 0015).
            options.SerializerOptions.AllowDuplicateProperties = false;
            // A member the request type does not have is a client's mistake ("emailConfirmed", "displayname", a typo) or a
            // probe; refusing it also refuses duplicates hidden inside it, which the reader would otherwise skip unread.
            options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });
        return services;
    }

    public static WebApplication MapSponaApi(this WebApplication app)
    {
        // The API description is public knowledge for integrators; the data behind it is not.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", ConfigureReference).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The reference page: the token typed once is sent with every request (Bearer is the preferred scheme) but not kept
    /// in the browser's storage; nothing on it advertises or calls a third party (government networks are closed, and
    /// an official system does not promote vendors): no developer toolbar ("Share", "Generate SDK", "Deploy"), no AI
    /// agent or MCP, no "open in client" button, no telemetry, no fonts from a CDN, and the vendor's links hidden.
    /// The content security policy for <c>/scalar</c> (<see cref="SecurityHeadersMiddleware"/>) allows only this host.
    /// </summary>
    private static void ConfigureReference(ScalarOptions options) => options
        .WithTitle("Spona API")
        .WithNonce()
        .AddPreferredSecuritySchemes([BearerTokenDocumentTransformer.SchemeName])
        .HideDeveloperTools()
        .HideClientButton()
        .DisableAgent()
        .DisableMcp()
        .DisableTelemetry()
        .DisableDefaultFonts()
        .WithCustomCss(ReferenceCss);

    // The bundle links to its vendor in a few places that have no switch ("Powered by Scalar" in the sidebar, the
    // request client's empty state); hide every link to the vendor's sites.
    private const string ReferenceCss = "a[href*=\"scalar.com\"] { display: none !important; }";

    /// <summary>The group every module's endpoints hang from.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup($"/api/v1/{prefix}").WithTags(tag).RequireAuthorization().RequireRateLimiting(RateLimits.Api)
            .AddEndpointFilterFactory(Input.TextEndpointFilter.Create);
}
