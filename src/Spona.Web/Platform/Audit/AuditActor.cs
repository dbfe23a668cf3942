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

    internal static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
