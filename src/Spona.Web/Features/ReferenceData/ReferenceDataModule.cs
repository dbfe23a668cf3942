using System.CommandLine;
using Spona.Web.Platform.Cli;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.ReferenceData;

public sealed class ReferenceDataModule : ISponaModule
{
    public int Order => 20;

    public void AddCoreServices(IServiceCollection services) => services.AddDataSeeder<ReferenceDataSeeder>();

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReferenceDataQueries>();
        services.AddMenuEntry(new MenuEntry("/reference", Localizable.Text("Reference data"), 30));
        services.AddScoped<ReferenceDataChanges>();
        services.AddScoped<SaveJurisdiction>();
        services.AddScoped<SaveInstitution>();
        services.AddScoped<SaveCodeItem>();
        Platform.Audit.AuditSetup.AddAuditOperationType(services, ReferenceDataOperations.Edit);
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/ReferenceData", ReferenceDataPermissions.Read);
            // The edit pages also create: the same form under a "new" address.
            options.Conventions.AddPageRoute("/ReferenceData/JurisdictionEdit", "reference/jurisdictions/new");
            options.Conventions.AddPageRoute("/ReferenceData/InstitutionEdit", "reference/institutions/new");
            options.Conventions.AddPageRoute("/ReferenceData/CodeItemEdit", "reference/code-lists/{key}/items/new");
        });
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        ReferenceDataEndpoints.Map(routes);
    }

    /// <summary><c>spona seed reference</c>: add missing jurisdictions, institutions and code-list items.</summary>
    public IEnumerable<Command> Commands(TextWriter output, TextWriter error)
    {
        var reference = new Command("reference", "Add missing jurisdictions, institutions and code-list items (never overwrites edits).");
        reference.SetAction((_, ct) => SponaCli.WithServices(output, error, async services =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var result = await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync(ct, force: true);
            await output.WriteLineAsync($"Added {result.Jurisdictions} jurisdictions, {result.Institutions} institutions, {result.CodeItems} code-list items.");
            return 0;
        }));
        yield return new Command("seed", "Seed data.") { reference };
    }
}
