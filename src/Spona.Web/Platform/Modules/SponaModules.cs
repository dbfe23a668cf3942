namespace Spona.Web.Platform.Modules;

/// <summary>
/// Every module of the application, found by type: each class implementing <see cref="ISponaModule"/>, in its order.
/// The web application adds and maps them (<see cref="AddSponaModules"/>, <see cref="MapSponaModules"/>); both it and
/// the command line add their core services (<see cref="AddSponaModuleCore"/>, from <c>AddSponaCore</c>).
/// </summary>
public static class SponaModules
{
    /// <summary>The application's modules, in their order.</summary>
    public static IReadOnlyList<ISponaModule> All { get; } = Find(typeof(SponaModules).Assembly.GetTypes());

    /// <summary>The modules among <paramref name="types"/>, ordered; two modules with one order refuse the start.</summary>
    internal static ISponaModule[] Find(IEnumerable<Type> types)
    {
        var modules = types
            .Where(t => typeof(ISponaModule).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => (ISponaModule)Activator.CreateInstance(t, nonPublic: true)!)
            .OrderBy(m => m.Order).ThenBy(m => m.GetType().FullName, StringComparer.Ordinal)
            .ToArray();
        foreach (var clash in modules.GroupBy(m => m.Order).Where(g => g.Count() > 1))
        {
            throw new InvalidOperationException($"The modules {string.Join(", ", clash.Select(m => m.GetType().Name))} have the same order {clash.Key}.");
        }

        return modules;
    }

    /// <summary>Every module's services for both the web application and the command line.</summary>
    public static IServiceCollection AddSponaModuleCore(this IServiceCollection services)
    {
        foreach (var module in All)
        {
            module.AddCoreServices(services);
        }

        return services;
    }

    /// <summary>Every module's web services, in order.</summary>
    public static IServiceCollection AddSponaModules(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var module in All)
        {
            module.AddServices(services, configuration);
        }

        return services;
    }

    /// <summary>Every module's routes, in order; Razor Pages come after them (<c>MapRazorPages</c> in Program).</summary>
    public static IEndpointRouteBuilder MapSponaModules(this IEndpointRouteBuilder routes)
    {
        foreach (var module in All)
        {
            module.MapRoutes(routes);
        }

        return routes;
    }
}
