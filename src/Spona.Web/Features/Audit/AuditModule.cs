using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Audit;

/// <summary>The auditor's view of the audit trail: list, per-record history, API. Read only.</summary>
public sealed class AuditModule : ISponaModule
{
    public int Order => 60;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AuditQueries>();
        services.AddMenuEntry(new MenuEntry("/audit", Localizable.Text("Audit trail"), 50, Permissions.AuditRead));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
            options.Conventions.AuthorizeFolder("/Audit", Permissions.AuditRead));
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        AuditEndpoints.Map(routes);
    }
}
