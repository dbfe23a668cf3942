using System.Globalization;
using Spona.Web.Platform.Api;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Audit;

/// <summary>
/// The audit trail API (read only, permission <c>Audit.Read</c>): <c>GET /api/v1/audit</c> with the filters
/// <c>actor</c>, <c>action</c>, <c>entityType</c>, <c>entityKey</c>, <c>from</c>, <c>to</c> (UTC days, inclusive),
/// <c>outcome</c>, <c>operationType</c>, <c>operationId</c>, <c>page</c>, <c>pageSize</c>; newest first. Every entry carries
/// its operation (id, type, reason; ADR 0022). <c>GET /api/v1/audit/checkpoints</c>.
/// </summary>
internal static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var audit = app.MapApiGroup("audit", "Audit trail");
        audit.MapGet("", async (string? actor, string? action, string? entityType, string? entityKey, DateOnly? from, DateOnly? to, AuditOutcome? outcome, string? operationType, Guid? operationId, int? page, int? pageSize, AuditQueries queries, CancellationToken ct) =>
                ActorByAddress(actor) ?? Check(("actor", actor), ("action", action), ("entityType", entityType), ("entityKey", entityKey), ("operationType", operationType))
                ?? Results.Ok(await queries.ListAsync(new AuditFilter(actor, action, entityType, entityKey, from, to, outcome, operationType, operationId), page, pageSize, ct)))
            .RequireAuthorization(Permissions.AuditRead).ReadsPersonalData("Account").WithSummary("Audit entries, newest first, filtered and paged, each with its operation (id, type and the reason given). operationType and operationId filter by operation. actor is a user id (or a label such as operator); an e-mail address is refused, it does not belong in a URL.").Produces<PagedResult<AuditEntryView>>().ProducesValidationProblem();
        audit.MapGet("/alerts", async (InsiderAlerts alerts, CancellationToken ct) => Results.Ok(await alerts.CurrentAsync(ct)))
            .RequireAuthorization(Permissions.AuditRead).ReadsPersonalData("Account").WithSummary("Users who read more distinct records in a window than the configured threshold (insider-misuse alerts).").Produces<IReadOnlyList<InsiderAlert>>();
        audit.MapGet("/checkpoints", async (AuditQueries queries, CancellationToken ct) => Results.Ok(await queries.CheckpointsAsync(ct)))
            .RequireAuthorization(Permissions.AuditRead).WithSummary("The stored checkpoints (RFC 6962 roots of the first N entries), newest first.").Produces<IReadOnlyList<CheckpointView>>();
    }

    /// <summary>E-mail addresses stay out of URLs (S9): the actor is named by id; GET /api/v1/users/{id} or POST /api/v1/users/search find it.</summary>
    private static IResult? ActorByAddress(string? actor) =>
        actor is not null && actor.Contains('@', StringComparison.Ordinal)
            ? Results.ValidationProblem(new Dictionary<string, string[]> { ["actor"] = ["Name the actor by user id, not by e-mail address: addresses do not belong in URLs. POST /api/v1/users/search finds the id."] })
            : null;

    private static IResult? Check(params (string Name, string? Value)[] parameters)
    {
        var errors = parameters.Where(p => p.Value is { Length: > AuditFilter.MaxTextLength })
            .ToDictionary(p => p.Name, p => new[] { string.Create(CultureInfo.InvariantCulture, $"The value can have at most {AuditFilter.MaxTextLength} characters.") });
        return errors.Count == 0 ? null : Results.ValidationProblem(errors);
    }
}
