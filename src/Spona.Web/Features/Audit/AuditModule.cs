using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Audit;

/// <summary>The auditor's view of the audit trail: list, per-record history, API. Read only.</summary>
public static class AuditModule
{
    public static IServiceCollection AddAuditModule(this IServiceCollection services)
    {
        services.AddScoped<AuditQueries>();
        services.AddMenuEntry(new MenuEntry("/audit", Localizable.Text("Audit trail"), 50, Permissions.AuditRead));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
            options.Conventions.AuthorizeFolder("/Audit", Permissions.AuditRead));
        return services;
    }

    public static WebApplication MapAuditModule(this WebApplication app)
    {
        AuditEndpoints.Map(app);
        return app;
    }
}
