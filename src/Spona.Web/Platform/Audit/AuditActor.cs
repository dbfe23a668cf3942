using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting.Server;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Platform.Audit;

/// <summary>Who is acting, as the audit trail records it.</summary>
public sealed record AuditActor(Guid? UserId, string Label, Guid? InstitutionId, string? CorrelationId)
{
    public const string SystemLabel = "system";
    public const string CliLabel = "cli";
}

/// <summary>
/// Finds the actor of the current operation: the signed-in user of the current request (claims of
/// <see cref="SponaClaimsPrincipalFactory"/>), else <c>system</c> inside the web application (start-up seeding,
/// background work), else <c>cli</c> (an operator command: the process has no web server).
/// </summary>
public sealed class AuditActorAccessor(IHttpContextAccessor httpContextAccessor, IServiceProvider services)
{
    private readonly bool commandLine = services.GetService<IServer>() is null;

    public AuditActor Current()
    {
        var context = httpContextAccessor.HttpContext;
        var correlation = Activity.Current?.TraceId.ToString() ?? context?.TraceIdentifier;
        var user = context?.User;
        if (user?.Identity?.IsAuthenticated == true)
        {
            var id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : (Guid?)null;
            var institution = Guid.TryParse(user.FindFirstValue(SponaClaimsPrincipalFactory.InstitutionClaim), out var inst) ? inst : (Guid?)null;
            var label = user.FindFirstValue(ClaimTypes.Name) ?? id?.ToString() ?? "unknown";
            return new AuditActor(id, Truncate(label, 256), institution, correlation);
        }

        return new AuditActor(null, commandLine ? AuditActor.CliLabel : AuditActor.SystemLabel, null, correlation);
    }

    /// <summary>
    /// The type of the default operation of what is recorded now outside an explicit one (ADR 0022): the route of the
    /// request (<c>request:POST /api/v1/institutions/{code}</c>, a page's route and handler), else <c>system</c> or
    /// <c>cli</c>. Route patterns only: no value from the URL.
    /// </summary>
    public string DefaultOperationType()
    {
        var context = httpContextAccessor.HttpContext;
        if (context is null)
        {
            return commandLine ? AuditOperationType.CommandLine : AuditOperationType.System;
        }

        var endpoint = context.GetEndpoint();
        var route = (endpoint as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText;
        var handler = context.Request.Query["handler"].ToString();
        var name = route is null ? "(no route)" : "/" + route.TrimStart('/');
        if (!string.IsNullOrEmpty(handler) && endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null
            && handler.Length <= 64 && handler.All(char.IsAsciiLetterOrDigit))
        {
            name += "?handler=" + handler;
        }

        return Truncate($"{AuditOperationType.RequestPrefix}{context.Request.Method} {name}", AuditOperationType.MaxCodeLength);
    }

    internal static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
