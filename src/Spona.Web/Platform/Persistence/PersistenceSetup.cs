using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Configuration;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Persistence;

public static class PersistenceSetup
{
    public const string SqliteMigrationsAssembly = "Spona.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Spona.Migrations.Postgres";

    public static IServiceCollection AddPersistence(this IServiceCollection services, SponaSettings settings)
    {
        // Every context encrypts classified fields (S8) and writes the audit entries of its changes in the same
        // SaveChanges (S6, Platform/Audit).
        services.AddDbContext<AppDbContext>((provider, options) =>
        {
            Configure(options, settings);
            // Notice e-mails join the save before the audit interceptor seals it (ADR 0026).
            var noticeMail = provider.GetService<Notifications.NoticeMailInterceptor>();
            if (noticeMail is not null)
            {
                options.AddInterceptors(noticeMail);
            }

            options.AddAuditInterceptor(provider);
            options.UseFieldProtection(provider.GetRequiredService<FieldProtector>());
            options.AddInterceptors(new Access.JurisdictionTreeInvalidator(provider.GetRequiredService<Access.JurisdictionTree>()));
        });
        services.AddScoped<DatabaseMigrator>();
        // The record-scope query filter reads the current user (S5); outside a request it is nobody.
        services.AddHttpContextAccessor();
        services.AddSingleton<Access.JurisdictionTree>();
        services.AddScoped<Access.CurrentUser>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, SponaSettings settings)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(settings.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                options.AddInterceptors(new SqlitePragmaInterceptor());
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(PostgresConnectionString(settings.ConnectionString), npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "Unknown database provider.");
        }

        options.ReplaceService<IMigrationsAssembly, SponaMigrationsAssembly>();
        // Before the audit interceptor (added after this), so that the audit entry records the raised version.
        options.AddInterceptors(VersionInterceptor.Instance);
        return options;
    }

    /// <summary>
    /// EF opens and closes the connection for every query; by default Npgsql then resets it with <c>DISCARD ALL</c>
    /// on every return to the pool (5-7 round trips per request). Spona sets no session state (no <c>SET</c>, no
    /// session-level advisory locks or temporary tables: the chain lock is transaction-scoped), so the reset is
    /// skipped unless the operator's connection string says otherwise.
    /// </summary>
    internal static string PostgresConnectionString(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
