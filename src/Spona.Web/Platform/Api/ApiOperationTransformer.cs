using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Spona.Web.Platform.Api;

/// <summary>
/// Adds to every operation what the platform does around its handler, read from the endpoint's own metadata so the
/// document cannot drift from the code: the Bearer requirement, its permission and the 401 and 403 answers on every
/// operation that is not explicitly anonymous (the fallback policy protects an endpoint without authorization
/// metadata too: deny by default); 400 where a body or a query parameter can be malformed; 429 with Retry-After where
/// a rate limit applies. All of them are problem details (RFC 9457), as the application answers them.
/// </summary>
internal sealed class ApiOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        operation.Responses ??= [];

        if (RequiresAuthorization(metadata))
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerTokenDocumentTransformer.SchemeName, document)] = [] });
            var permissions = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (permissions.Count > 0)
            {
                var names = string.Join(" and ", permissions.Select(p => $"`{p}`"));
                var sentence = string.Create(CultureInfo.InvariantCulture, $"Requires the permission{(permissions.Count > 1 ? "s" : "")} {names}.");
                operation.Description = string.IsNullOrEmpty(operation.Description) ? sentence : operation.Description + "\n\n" + sentence;
            }

            AddProblem(operation, document, StatusCodes.Status401Unauthorized,
                "No valid credentials: the Bearer token is missing, unknown, expired or revoked, or its owner is disabled or locked out (which one is not told).");
            AddProblem(operation, document, StatusCodes.Status403Forbidden,
                "Signed in, but the token or the account lacks the permission this operation needs.");
        }

        var parameters = operation.Parameters ?? [];
        if (operation.RequestBody is not null || parameters.Any(p => p.In is ParameterLocation.Query or ParameterLocation.Header))
        {
            AddProblem(operation, document, StatusCodes.Status400BadRequest,
                "The request is malformed: not valid JSON, a parameter of the wrong type, or a value that fails validation.");
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any() && !metadata.OfType<DisableRateLimitingAttribute>().Any())
        {
            var response = AddProblem(operation, document, StatusCodes.Status429TooManyRequests,
                "Too many requests from this account or address within a minute; repeat after the number of seconds in `Retry-After`.");
            response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.OrdinalIgnoreCase);
            response.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before the next request.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>As the authorization middleware decides: anonymous only when the endpoint says so.</summary>
    internal static bool RequiresAuthorization(IList<object> metadata) => !metadata.OfType<IAllowAnonymous>().Any();

    private static OpenApiResponse AddProblem(OpenApiOperation operation, OpenApiDocument? document, int status, string description)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        // An operation's own declaration of this status (e.g. a validation problem) is more precise; keep it.
        if (operation.Responses!.TryGetValue(key, out var existing) && existing is OpenApiResponse declared)
        {
            return declared;
        }

        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(BearerTokenDocumentTransformer.ProblemSchemaName, document) },
            },
        };
        operation.Responses[key] = response;
        return response;
    }
}
