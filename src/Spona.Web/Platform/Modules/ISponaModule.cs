using System.CommandLine;

namespace Spona.Web.Platform.Modules;

/// <summary>
/// A module's registration, declared from its own folder (<c>Features/{Module}/{Module}Module.cs</c>): its services,
/// page conventions, menu entries, audit operation types, notice kinds, jobs, seeders, routes and operator commands.
/// Found by type (<see cref="SponaModules"/>): a class with a parameterless constructor; the platform names no module.
/// </summary>
public interface ISponaModule
{
    /// <summary>Where the module stands among the others: services are added and routes mapped in this order (lower first; then by type).</summary>
    int Order { get; }

    /// <summary>
    /// Services that the command line needs as well as the web application (seeders, what the module's commands use);
    /// called from <c>AddSponaCore</c>, which both build.
    /// </summary>
    void AddCoreServices(IServiceCollection services)
    {
    }

    /// <summary>The web application's services of the module: its services, page conventions, menu entries, kinds and jobs.</summary>
    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>The module's endpoints (API, form posts). Razor Pages are mapped after every module.</summary>
    void MapRoutes(IEndpointRouteBuilder routes)
    {
    }

    /// <summary>
    /// The module's operator commands (<c>spona {command}</c>), added after the platform's first commands. A command runs
    /// its work through <see cref="Cli.SponaCli.WithServices"/>, with the core services only.
    /// </summary>
    IEnumerable<Command> Commands(TextWriter output, TextWriter error) => [];
}
