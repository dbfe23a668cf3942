using System.CommandLine;
using Spona.Web.Platform.Cli;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Strategy;

public sealed class StrategyModule : ISponaModule
{
    public int Order => 50;

    public void AddCoreServices(IServiceCollection services) => services.AddDataSeeder<StrategyCatalogueLoader>();

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<StrategyCatalogue>();
        services.AddScoped<StrategyGoalSummaries>();
        services.AddScoped<StrategyMeasureDirectory>();
        services.AddMenuEntry(new MenuEntry("/strategy", Localizable.Text("Strategy"), 20));
        services.AddScoped<AmendmentRecorder>();
        services.AddScoped<AmendmentAdoption>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
            options.Conventions.AuthorizeFolder("/Strategy", StrategyPermissions.Read));
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        StrategyEndpoints.Map(routes);
    }

    /// <summary><c>spona strategy import FILE</c>: load a strategy file into the catalogue.</summary>
    public IEnumerable<Command> Commands(TextWriter output, TextWriter error)
    {
        var strategyFile = new Argument<FileInfo>("file") { Description = "A strategy file in the format of Features/Strategy/Seed/strategy-2024-2027.json." };
        var import = new Command("import", "Load a strategy file into the catalogue (a changed file becomes a new version).") { strategyFile };
        import.SetAction((parse, ct) => SponaCli.WithServices(output, error, async services =>
        {
            var file = parse.GetValue(strategyFile)!;
            if (!file.Exists)
            {
                await error.WriteLineAsync($"The file '{file.FullName}' does not exist.");
                return 2;
            }

            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            try
            {
                var result = await services.GetRequiredService<StrategyCatalogueLoader>().LoadAsync(await File.ReadAllBytesAsync(file.FullName, ct), ct);
                await output.WriteLineAsync(result.Changed
                    ? $"Strategy {result.Code} loaded as version {result.Version}; {result.ChangedMeasures} measure(s) changed."
                    : $"Strategy {result.Code} is already at version {result.Version}; nothing changed.");
                return 0;
            }
            catch (StrategyFileException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return 1;
            }
        }));
        yield return new Command("strategy", "Manage the strategy catalogue.") { import };
    }
}
