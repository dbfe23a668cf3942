using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.ReferenceData;

public static class ReferenceDataModule
{
    public static IServiceCollection AddReferenceDataModule(this IServiceCollection services)
    {
        services.AddScoped<ReferenceDataQueries>();
        services.AddMenuEntry(new MenuEntry("/reference", Localizable.Text("Reference data"), 30));
        services.AddScoped<ReferenceDataEditor>();
        Platform.Audit.AuditSetup.AddAuditOperationType(services, ReferenceDataOperations.Edit);
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/ReferenceData", ReferenceDataPermissions.Read);
            // The edit pages also create: the same form under a "new" address.
            options.Conventions.AddPageRoute("/ReferenceData/JurisdictionEdit", "reference/jurisdictions/new");
            options.Conventions.AddPageRoute("/ReferenceData/InstitutionEdit", "reference/institutions/new");
            options.Conventions.AddPageRoute("/ReferenceData/CodeItemEdit", "reference/code-lists/{key}/items/new");
        });
        return services;
    }

    public static WebApplication MapReferenceDataModule(this WebApplication app)
    {
        ReferenceDataEndpoints.Map(app);
        return app;
    }
}
