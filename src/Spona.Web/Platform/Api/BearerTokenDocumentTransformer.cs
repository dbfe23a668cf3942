using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Spona.Web.Platform.Api;

/// <summary>
/// Declares how the API is called: an HTTP Bearer scheme carrying a Spona API token, so that the reference page can
/// send a token and integrators' generators know the header. The requirement itself is set per operation by
/// <see cref="ApiOperationTransformer"/>, because anonymous operations must not demand a token.
/// </summary>
internal sealed class BearerTokenDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public const string ProblemSchemaName = nameof(ProblemDetails);

    private const string Description =
        "A Spona API token: `Authorization: Bearer spona_<id>_<secret>`. Make one on the page *API tokens* " +
        "(`/account/tokens`, signed in with your second factor) or ask an operator (`spona token create`). A token is " +
        "shown once, carries the permissions chosen for it (a subset of its owner's), expires after 1–365 days and can " +
        "be revoked at any time. Operations that need `ApiTokens.Use` (making and revoking tokens) refuse tokens: a " +
        "token cannot make tokens; they work only in a signed-in browser session.";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);

        // AddComponent also registers the scheme with the document's workspace, so the operations' references to it
        // resolve when the document is written (a scheme only put in the dictionary is dropped from "security").
        document.AddComponent(SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "spona_<id>_<secret>",
            Description = Description,
        });

        // The 401/403/429 responses refer to the problem details schema; make sure it exists even if no endpoint
        // declared a problem response of its own.
        if (document.Components?.Schemas?.ContainsKey(ProblemSchemaName) != true)
        {
            document.AddComponent(ProblemSchemaName, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
        }
    }
}
