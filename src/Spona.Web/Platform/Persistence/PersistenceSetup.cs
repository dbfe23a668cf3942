using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Spona.Web.Platform.Configuration;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Persistence;

public static class PersistenceSetup
{
    public const string SqliteMigrationsAssembly = "Spona.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Spona.Migrations.Postgres";

    public static IServiceCollection AddPersistence(this IServiceCollection services, SponaSettings settings)
    {
        services.AddDbContext<AppDbContext>((provider, options) =>
        {
            Configure(options, settings);
            options.UseFieldProtection(provider.GetRequiredService<FieldProtector>());
        });
        services.AddScoped<DatabaseMigrator>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, SponaSettings settings)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(settings.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                options.AddInterceptors(new SqlitePragmaInterceptor());
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(settings.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "Unknown database provider.");
        }

        options.ReplaceService<IMigrationsAssembly, SponaMigrationsAssembly>();
    }
}
