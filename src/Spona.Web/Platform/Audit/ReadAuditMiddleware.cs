using System.Text.Json;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// Writes the read entries of a route marked <see cref="ReadsPersonalDataAttribute"/> (S6, ADR 0019) just before the
/// response starts, so that no data leaves unaudited (if the entries cannot be written, the response fails). It runs
/// before authorization, so a request refused by permission (403, or the pages' redirect to "access denied") or by
/// scope (403/404 from the handler) is recorded as denied. Success: one entry per record the handler named in
/// <see cref="RecordReads"/>, else the route's <c>id</c>, else the record of <c>{recordType}/{recordId}</c>, else <c>none</c> (an empty list). Requests without a signed-in
/// user (401, redirect to sign-in) and refused input (other 4xx) are not reads. The route pattern goes into the
/// entry's change list as <c>{"field":"route","new":"GET /admin/users/{id}"}</c>.
/// </summary>
internal sealed class ReadAuditMiddleware(RequestDelegate next)
{
    public const string NoRecord = "none";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<ReadsPersonalDataAttribute>() is { } marker)
        {
            var route = $"{context.Request.Method} /{endpoint.RoutePattern.RawText?.Trim('/')}";
            // Taken now: a refused page is re-executed as the error page, whose route values replace these.
            var target = new Target(context.GetRouteValue("id")?.ToString(), context.GetRouteValue("recordType")?.ToString(), context.GetRouteValue("recordId")?.ToString());
            context.Response.OnStarting(() => WriteAsync(context, marker, route, target));
        }

        return next(context);
    }

    private static async Task WriteAsync(HttpContext context, ReadsPersonalDataAttribute marker, string route, Target target)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var status = context.Response.StatusCode;
        var location = context.Response.Headers.Location.ToString();
        AuditOutcome outcome;
        if (status is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound
            || (status is >= 300 and < 400 && location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase)))
        {
            outcome = AuditOutcome.Denied;
        }
        else if (status >= 500)
        {
            outcome = AuditOutcome.Failed;
        }
        else if (status < 400 && !location.Contains("/account/sign-in", StringComparison.OrdinalIgnoreCase))
        {
            outcome = AuditOutcome.Success;
        }
        else
        {
            return;
        }

        var services = context.RequestServices;
        if (!services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditOptions>>().Value.RecordReads)
        {
            // Benchmark-only switch (Audit:RecordReads=false, bench/audited-read.sh): what read auditing costs.
            return;
        }

        var shown = outcome == AuditOutcome.Success ? services.GetRequiredService<RecordReads>().All() : [];
        if (shown.Count == 0)
        {
            var id = target.Id;
            // A route under a record (".../records/{recordType}/{recordId}/...") names that record when it names nothing
            // else; only a registered type, so that no text of the request itself enters the append-only trail.
            shown = string.IsNullOrWhiteSpace(id) && services.GetService<Access.RecordTypeRegistry>()?.IsKnown(target.RecordType) == true && Guid.TryParse(target.RecordId, out var parent)
                ? [(target.RecordType!, parent.ToString())]
                : [(marker.RecordType, string.IsNullOrWhiteSpace(id) ? NoRecord : id)];
        }

        var changes = JsonSerializer.Serialize(new[] { new RouteChange("route", route) }, RouteJson.Options);
        var queue = services.GetRequiredService<PendingAuditEvents>();
        foreach (var (recordType, key) in shown)
        {
            queue.Add(new AuditEvent(AuditActions.RecordRead, recordType, key, outcome, Changes: changes));
        }

        await services.GetRequiredService<IAuditTrail>().FlushAsync(context.RequestAborted);
    }

    private sealed record RouteChange(string Field, string New);

    private sealed record Target(string? Id, string? RecordType, string? RecordId);

    private static class RouteJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}
