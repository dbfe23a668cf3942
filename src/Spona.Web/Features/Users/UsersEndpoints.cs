using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Api;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Users;

/// <summary>
/// User administration API (permission Users.Manage) and the role table (Roles.Read). Lists take <c>role</c>, <c>institution</c> (code), <c>status</c> (<c>active</c>, <c>disabled</c>),
/// <c>sort</c> (<c>email</c>, <c>-email</c>, <c>created</c>, <c>-created</c>), <c>page</c>, <c>pageSize</c>; a search by
/// part of the e-mail address goes in the body of <c>POST /api/v1/users/search</c>, never in a URL (S9).
/// </summary>
internal static class UsersEndpoints
{
    private static readonly string[] Sorts = ["email", "-email", "created", "-created"];
    private static readonly string[] Statuses = ["active", "disabled"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapApiGroup("users", "Users");
        users.MapGet("", async (string? search, string? role, string? institution, string? status, string? sort, int? page, int? pageSize, UserQueries queries, CancellationToken ct) =>
                SearchInUrl(search) ?? CheckQuery(null, role, status, sort) ?? Results.Ok(await queries.ListAsync(new UserQuery(null, role, institution, status, sort, page, pageSize), ct)))
            .RequireAuthorization(UsersPermissions.Manage).ReadsPersonalData(UserQueries.AccountRecord).WithSummary("Accounts, filtered and paged. To search by e-mail address use POST /api/v1/users/search: addresses do not belong in URLs.").Produces<PagedResult<UserView>>().ProducesValidationProblem();
        users.MapPost("/search", async ([FromBody] UserSearchInput input, UserQueries queries, CancellationToken ct) =>
                CheckQuery(input.Search, input.Role, input.Status, input.Sort) ?? Results.Ok(await queries.ListAsync(new UserQuery(input.Search, input.Role, input.Institution, input.Status, input.Sort, input.Page, input.PageSize), ct)))
            .RequireAuthorization(UsersPermissions.Manage).ReadsPersonalData(UserQueries.AccountRecord).WithSummary("Accounts whose e-mail address contains search, filtered and paged; the search travels in the body, never in the URL.").Produces<PagedResult<UserView>>().ProducesValidationProblem();
        users.MapGet("/{id:guid}", async (Guid id, UserQueries queries, CancellationToken ct) =>
                await queries.GetAsync(id, ct) is { } user ? Results.Ok(user) : NotFound())
            .RequireAuthorization(UsersPermissions.Manage).ReadsPersonalData(UserQueries.AccountRecord).WithSummary("One account.").Produces<UserView>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("", async ([FromBody] InviteInput input, InviteUser invite, ClaimsPrincipal actor, HttpContext context, CancellationToken ct) =>
            {
                var (outcome, link) = await invite.InviteAsync(input, actor, UsersModule.DeliveryFor(context.Request), ct);
                return outcome.Status == EditStatus.Done
                    ? Results.Created($"/api/v1/users/{outcome.Key}", new InvitationView(Guid.Parse(outcome.Key!), link!.Url, link.Emailed))
                    : await outcome.ToApiResultAsync(() => Task.FromResult<object?>(null));
            })
            .RequireAuthorization(UsersPermissions.Manage).WithSummary("Invite a person: creates the account and its activation link (valid three days, once). When Spona sends e-mail the link goes to the person (emailed is true, activationUrl null); otherwise it is returned here to hand over. Auditor, State Coordinator's office and System administrator wait for another administrator's approval.").Produces<InvitationView>(StatusCodes.Status201Created).ProducesValidationProblem();
        users.MapPut("/{id:guid}/roles", async (Guid id, [FromBody] RolesInput input, ChangeUserRoles roles, UserQueries queries, ClaimsPrincipal actor, CancellationToken ct) =>
                await (await roles.SetRolesAsync(id, input.Roles ?? [], input.Reason, actor, ct)).ToApiResultAsync(async () => await queries.GetAsync(id, ct)))
            .RequireAuthorization(UsersPermissions.Manage).ReadsPersonalData(UserQueries.AccountRecord).WithSummary("Replace the account's roles, stating the reason (required); its sessions end. Auditor, State Coordinator's office and System administrator become requests (pendingRoles) that another administrator approves.").Produces<UserView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id:guid}/disable", async (Guid id, DisableAccount disable, UserQueries queries, ClaimsPrincipal actor, CancellationToken ct) =>
                await (await disable.SetDisabledAsync(id, true, actor, ct)).ToApiResultAsync(async () => await queries.GetAsync(id, ct)))
            .RequireAuthorization(UsersPermissions.Manage).ReadsPersonalData(UserQueries.AccountRecord).WithSummary("Disable the account; its sessions and API tokens stop working at once.").Produces<UserView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id:guid}/enable", async (Guid id, DisableAccount disable, UserQueries queries, ClaimsPrincipal actor, CancellationToken ct) =>
                await (await disable.SetDisabledAsync(id, false, actor, ct)).ToApiResultAsync(async () => await queries.GetAsync(id, ct)))
            .RequireAuthorization(UsersPermissions.Manage).ReadsPersonalData(UserQueries.AccountRecord).WithSummary("Enable a disabled account.").Produces<UserView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id:guid}/reset-second-factor", async (Guid id, ResetSecondFactor reset, UserQueries queries, ClaimsPrincipal actor, CancellationToken ct) =>
                await (await reset.ResetSecondFactorAsync(id, actor, ct)).ToApiResultAsync(async () => await queries.GetAsync(id, ct)))
            .RequireAuthorization(UsersPermissions.Manage).ReadsPersonalData(UserQueries.AccountRecord).WithSummary("Remove the account's authenticator and recovery codes; it enrolls again at its next sign-in.").Produces<UserView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id:guid}/activation-link", async (Guid id, IssueActivationLink links, ClaimsPrincipal actor, HttpContext context, CancellationToken ct) =>
            {
                var (outcome, link) = await links.NewActivationLinkAsync(id, actor, UsersModule.DeliveryFor(context.Request), ct);
                return await outcome.ToApiResultAsync(() => Task.FromResult<object?>(new InvitationView(id, link!.Url, link.Emailed)));
            })
            .RequireAuthorization(UsersPermissions.Manage).WithSummary("A new link with which the person sets a new password (valid three days, once); their sessions end. E-mailed to the person when Spona sends e-mail (emailed true, activationUrl null), else returned here.").Produces<InvitationView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPost("/{id:guid}/unlock", async (Guid id, UnlockAccount unlock, UserQueries queries, ClaimsPrincipal actor, CancellationToken ct) =>
                await (await unlock.UnlockAsync(id, actor, ct)).ToApiResultAsync(async () => await queries.GetAsync(id, ct)))
            .RequireAuthorization(UsersPermissions.Manage).ReadsPersonalData(UserQueries.AccountRecord).WithSummary("End a lockout caused by wrong passwords or codes.").Produces<UserView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var requests = app.MapApiGroup("role-requests", "Users");
        requests.MapGet("", async (UserQueries queries, CancellationToken ct) => Results.Ok(await queries.PendingRoleRequestsAsync(null, ct)))
            .RequireAuthorization(UsersPermissions.Manage).ReadsPersonalData(UserQueries.AccountRecord).WithSummary("Auditor, State Coordinator's office and System administrator roles waiting for a second administrator's approval, oldest first.").Produces<List<RoleGrantRequestView>>();
        requests.MapPost("/{id:guid}/approve", async (Guid id, DecideRoleRequest decide, UserQueries queries, ClaimsPrincipal actor, CancellationToken ct) =>
                await DecidedAsync(await decide.ApproveRoleAsync(id, actor, ct), queries, ct))
            .RequireAuthorization(UsersPermissions.Manage).ReadsPersonalData(UserQueries.AccountRecord).WithSummary("Approve a role request (not your own request, not for your own account); the role takes effect and the account's sessions end.").Produces<UserView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:guid}/reject", async (Guid id, DecideRoleRequest decide, UserQueries queries, ClaimsPrincipal actor, CancellationToken ct) =>
                await DecidedAsync(await decide.RejectRoleAsync(id, actor, ct), queries, ct))
            .RequireAuthorization(UsersPermissions.Manage).ReadsPersonalData(UserQueries.AccountRecord).WithSummary("Refuse a role request (or withdraw your own).").Produces<UserView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapApiGroup("roles", "Users").MapGet("", (RoleTableJson table) => table.Result())
            .RequireAuthorization(UsersPermissions.RolesRead).WithSummary("Every role and its permissions: the one table of the access model.").Produces<List<RoleView>>();
    }

    private static ValidationProblem? SearchInUrl(string? search) =>
        search is null ? null : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["search"] = ["Send the search in the body of POST /api/v1/users/search: e-mail addresses do not belong in URLs."] });

    private static ValidationProblem? CheckQuery(string? search, string? role, string? status, string? sort)
    {
        var errors = new Dictionary<string, string[]>();
        if (SearchInput.Problem(search) is { } searchProblem)
        {
            return searchProblem;
        }

        if (!string.IsNullOrEmpty(role) && !Roles.All.Contains(role))
        {
            errors["role"] = ["Unknown role. GET /api/v1/roles lists them."];
        }

        if (!string.IsNullOrEmpty(status) && !Statuses.Contains(status))
        {
            errors["status"] = ["The status must be 'active' or 'disabled'."];
        }

        if (!string.IsNullOrEmpty(sort) && !Sorts.Contains(sort))
        {
            errors["sort"] = ["The sort must be one of: " + string.Join(", ", Sorts) + "."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    private static Task<IResult> DecidedAsync(EditOutcome outcome, UserQueries queries, CancellationToken ct) =>
        outcome.ToApiResultAsync(async () => await queries.GetAsync(Guid.Parse(outcome.Key!), ct));

    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "There is no such account.");

    /// <summary>The account's new roles and why (required; kept encrypted with the audit operation).</summary>
    public sealed record RolesInput(List<string>? Roles, [property: System.ComponentModel.DataAnnotations.StringLength(Platform.Audit.AuditOperationType.MaxReasonLength)] string? Reason = null);

    public sealed record UserSearchInput(string? Search, string? Role, string? Institution, string? Status, string? Sort, int? Page, int? PageSize);

    /// <summary>The new account (or link) and either the link to hand over or, when e-mailed, no link.</summary>
    public sealed record InvitationView(Guid Id, string? ActivationUrl, bool Emailed);

    public sealed record RoleView(string Role, IReadOnlyList<string> Permissions);
}

/// <summary>
/// The role table as the API sends it, serialised once with the application's JSON options: the table is fixed when
/// the application is built, so every request writes the same bytes (a fifth of the route's time went to
/// serialising it again, bench/api-roles.sh).
/// </summary>
internal sealed class RoleTableJson(Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> options)
{
    private readonly Lazy<byte[]> body = new(() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
        Roles.All.Select(r => new UsersEndpoints.RoleView(r, RolePermissions.PermissionsOf(r))).ToList(), options.Value.SerializerOptions));

    public FileContentHttpResult Result() => TypedResults.Bytes(body.Value, "application/json; charset=utf-8");
}
