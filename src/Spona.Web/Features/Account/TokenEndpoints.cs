using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Spona.Web.Platform.Api;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Features.Account;

/// <summary>One's own API tokens (permission ApiTokens.Use, which no token carries: a token cannot make tokens).</summary>
internal static class TokenEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var tokens = app.MapApiGroup("tokens", "API tokens");
        tokens.MapGet("", async (ClaimsPrincipal principal, UserManager<SponaUser> users, ApiTokenService service, CancellationToken ct) =>
                await users.GetUserAsync(principal) is { } user
                    ? Results.Ok((await service.ListAsync(user.Id, ct)).Select(TokenView.From).ToList())
                    : Results.Unauthorized())
            .RequireAuthorization(Permissions.ApiTokensUse).WithSummary("Your API tokens (never their secrets).").Produces<List<TokenView>>();
        tokens.MapPost("", async ([FromBody] TokenInput input, ClaimsPrincipal principal, UserManager<SponaUser> users, ApiTokenService service, CancellationToken ct) =>
            {
                if (await users.GetUserAsync(principal) is not { } user)
                {
                    return Results.Unauthorized();
                }

                var (token, secret, field, error) = await service.CreateAsync(user, input.Name ?? "", input.ExpiresInDays ?? 90, input.Permissions ?? [], "user", ct);
                return token is null
                    ? Results.ValidationProblem(new Dictionary<string, string[]> { [field!] = [error!] })
                    : Results.Created($"/api/v1/tokens/{token.Id}", new CreatedTokenView(TokenView.From(token), secret!));
            })
            .RequireAuthorization(Permissions.ApiTokensUse).WithSummary("Make a token for an integration; the token text is in this response only.").Produces<CreatedTokenView>(StatusCodes.Status201Created).ProducesValidationProblem();
        tokens.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal principal, UserManager<SponaUser> users, ApiTokenService service, CancellationToken ct) =>
                await users.GetUserAsync(principal) is { } user && await service.RevokeAsync(user.Id, id, ct)
                    ? Results.NoContent()
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "You have no such token."))
            .RequireAuthorization(Permissions.ApiTokensUse).WithSummary("Revoke one of your tokens; it stops working at once.").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public sealed record TokenInput(string? Name, int? ExpiresInDays, List<string>? Permissions);

    public sealed record TokenView(Guid Id, string Name, IReadOnlyList<string> Permissions, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt, string CreatedBy)
    {
        public static TokenView From(ApiToken t) => new(t.Id, t.Name, t.PermissionList, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.CreatedBy);
    }

    public sealed record CreatedTokenView(TokenView Token, string Secret);
}
