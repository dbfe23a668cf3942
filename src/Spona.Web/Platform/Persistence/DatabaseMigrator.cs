using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Spona.Web.Platform.Configuration;

namespace Spona.Web.Platform.Persistence;

/// <summary>Applies the provider's migrations; turns an unreachable database into a start-up error naming the key.</summary>
public sealed class DatabaseMigrator(AppDbContext db, SponaSettings settings, ILogger<DatabaseMigrator> logger)
{
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                // Before the first connection: SQLite would create the file with the default umask (readable by all).
                foreach (var tightened in SqliteFileModes.Secure(settings.ConnectionString))
                {
                    logger.LogWarning("{Path} was readable by group or others (mode {Mode}); restricted it to the service account", tightened.Path, tightened.PreviousMode);
                }
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                // WAL is a property of the database file; set it before the first migration writes.
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await db.Database.CloseConnectionAsync();
            }

            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database ready ({Database}); {Pending} migration(s) applied", settings.DescribeDatabase(), pending);
            return pending;
        }
        catch (Exception ex) when (ex is NpgsqlException or SqliteException)
        {
            throw new StartupConfigurationException(
                $"Configuration key '{SponaSettings.ConnectionStringKey}' names a database that cannot be used ({settings.DescribeDatabase()}: {FirstLine(ex)}).",
                ex);
        }
    }

    private static string FirstLine(Exception ex)
    {
        var inner = ex.InnerException is NpgsqlException or System.Net.Sockets.SocketException ? ex.InnerException : ex;
        var message = inner.Message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? message : message[..newline]).Trim().TrimEnd('.');
    }
}
