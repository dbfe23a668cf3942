using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Spona.Web.Platform.Configuration;

namespace Spona.Web.Platform.Persistence;

/// <summary>
/// Used only by <c>dotnet ef migrations add</c> (see tools/add-migration.sh): the provider comes from the
/// SPONA_MIGRATIONS_PROVIDER variable; no database is contacted.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var provider = Environment.GetEnvironmentVariable("SPONA_MIGRATIONS_PROVIDER") == "Postgres"
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;
        var settings = provider == DatabaseProvider.Postgres
            ? new SponaSettings(provider, "Host=localhost;Database=spona_design", Path.GetTempPath())
            : new SponaSettings(provider, "Data Source=design.db", Path.GetTempPath());
        var options = new DbContextOptionsBuilder<AppDbContext>();
        PersistenceSetup.Configure(options, settings);
        return new AppDbContext(options.Options);
    }
}
