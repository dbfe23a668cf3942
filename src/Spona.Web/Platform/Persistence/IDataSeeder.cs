namespace Spona.Web.Platform.Persistence;

/// <summary>
/// Data a module puts into every database (its reference lists, a catalogue from a file), run in order when the
/// database is prepared (<see cref="DatabaseInitializer"/>: at start and by <c>spona migrate</c>), after migrations and
/// roles. A module registers it in its core services (<see cref="DataSeeders.AddDataSeeder{T}"/>). Seeding must be
/// safe to repeat: it adds what is missing and never overwrites edits.
/// </summary>
public interface IDataSeeder
{
    /// <summary>Where the seeder runs among the others (lower first; then by type).</summary>
    int Order { get; }

    Task SeedAsync(CancellationToken cancellationToken);
}

public static class DataSeeders
{
    /// <summary>Registers a seeder, scoped, as itself (for the module's own commands and tests) and as a seeder.</summary>
    public static IServiceCollection AddDataSeeder<T>(this IServiceCollection services)
        where T : class, IDataSeeder
    {
        services.AddScoped<T>();
        services.AddScoped<IDataSeeder>(provider => provider.GetRequiredService<T>());
        return services;
    }

    /// <summary>Runs every registered seeder in order.</summary>
    internal static async Task RunAllAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        foreach (var seeder in provider.GetServices<IDataSeeder>().OrderBy(s => s.Order).ThenBy(s => s.GetType().FullName, StringComparer.Ordinal))
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }
}
