using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace Spona.Web.Platform.Identity;

/// <summary>
/// The authentication step of the pipeline. A Bearer token on the API (<see cref="ApiTokenAuthenticationHandler.Applies"/>)
/// is checked here directly by <see cref="ApiTokenAuthenticator"/>, with the same outcome as through its handler: a valid
/// token signs the request in, anything else leaves it anonymous, and the authorization step then challenges through the
/// handler (a 401 with <c>WWW-Authenticate: Bearer</c>). Every other request goes through ASP.NET Core's own
/// <see cref="AuthenticationMiddleware"/> unchanged. Going around the handler saves what ASP.NET Core does per request
/// before a handler runs: resolving the authentication service and handler provider, building the policy scheme's handler
/// and the token handler, each with a logger taken under the logger factory's lock (ADR 0025).
/// </summary>
internal sealed class ApiTokenAuthenticationMiddleware(RequestDelegate next, IAuthenticationSchemeProvider schemes)
{
    /// <summary>
    /// The key by which ASP.NET Core knows that the application placed the authentication step itself. Without it, a
    /// <c>WebApplication</c> adds a second <see cref="AuthenticationMiddleware"/> at the head of the pipeline, and a token
    /// would be checked (and a refused use audited) twice.
    /// </summary>
    internal const string PlacedKey = "__AuthenticationMiddlewareSet";

    private readonly AuthenticationMiddleware standard = new(next, schemes);

    public Task InvokeAsync(HttpContext context) =>
        ApiTokenAuthenticationHandler.Applies(context.Request) ? AuthenticateTokenAsync(context) : standard.Invoke(context);

    private async Task AuthenticateTokenAsync(HttpContext context)
    {
        context.Features.Set<IAuthenticationFeature>(new AuthenticationFeature { OriginalPath = context.Request.Path, OriginalPathBase = context.Request.PathBase });
        var authenticator = context.RequestServices.GetRequiredService<ApiTokenAuthenticator>();
        var principal = await authenticator.AuthenticateAsync(ApiTokenAuthenticationHandler.Presented(context.Request), ApiTokenAuthenticationHandler.SchemeName, context.RequestAborted, context);
        // As AuthenticationMiddleware does: a refused token leaves the request anonymous and sets nothing else.
        if (principal is not null)
        {
            context.User = principal;
            var feature = new Result(AuthenticateResult.Success(new AuthenticationTicket(principal, ApiTokenAuthenticationHandler.SchemeName)));
            context.Features.Set<IAuthenticateResultFeature>(feature);
            context.Features.Set<IHttpAuthenticationFeature>(feature);
        }

        await next(context);
    }

    /// <summary>What <see cref="AuthenticationMiddleware"/> leaves on the request for later steps, for a token.</summary>
    private sealed class Result(AuthenticateResult result) : IAuthenticateResultFeature, IHttpAuthenticationFeature
    {
        private ClaimsPrincipal? user = result.Principal;

        public AuthenticateResult? AuthenticateResult
        {
            get => result;
            set
            {
                result = value ?? AuthenticateResult.NoResult();
                user = value?.Principal;
            }
        }

        public ClaimsPrincipal? User
        {
            get => user;
            set
            {
                user = value;
                result = value is null ? AuthenticateResult.NoResult() : AuthenticateResult.Success(new AuthenticationTicket(value, ApiTokenAuthenticationHandler.SchemeName));
            }
        }
    }
}
