using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Spona.Web.Platform.Configuration;

/// <summary>
/// The configuration keys that are a contract with operators and tests: <c>Database:Provider</c>,
/// <c>Database:ConnectionString</c> and <c>DataDirectory</c>. Validated once at start; a wrong value stops the start.
/// </summary>
public sealed record SponaSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringKey = "Database:ConnectionString";
    public const string DataDirectoryKey = "DataDirectory";

    public static SponaSettings Load(IConfiguration configuration, string contentRoot)
    {
        var dataDirectory = ResolveDataDirectory(configuration[DataDirectoryKey], contentRoot);
        var provider = ParseProvider(configuration[ProviderKey]);
        var connectionString = configuration[ConnectionStringKey];
        return new SponaSettings(provider, ValidateConnectionString(provider, connectionString, dataDirectory), dataDirectory);
    }

    private static DatabaseProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return value.Trim().ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            _ => throw new StartupConfigurationException(
                $"Configuration key '{ProviderKey}' has the unknown value '{value}'; use 'Sqlite' or 'Postgres'."),
        };
    }

    private static string ResolveDataDirectory(string? value, string contentRoot)
    {
        var path = string.IsNullOrWhiteSpace(value) ? Path.Combine(contentRoot, "data") : value.Trim();
        try
        {
            path = Path.GetFullPath(path, contentRoot);
            // Owner-only when Spona creates it (it holds the database and the keys); an existing folder is left as the
            // operator made it, and the database's own folder and files are restricted at start (SqliteFileModes).
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var probe = Path.Combine(path, $".write-probe-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");
            File.WriteAllText(probe, "probe");
            File.Delete(probe);
            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new StartupConfigurationException(
                $"Configuration key '{DataDirectoryKey}' points to '{path}', which cannot be created or written ({ex.GetType().Name}).",
                ex);
        }
    }

    private static string ValidateConnectionString(DatabaseProvider provider, string? value, string dataDirectory)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "spona.db") }.ToString();
            }

            try
            {
                var builder = new SqliteConnectionStringBuilder(value);
                if (string.IsNullOrWhiteSpace(builder.DataSource))
                {
                    throw new ArgumentException("no Data Source");
                }

                if (!builder.DataSource.StartsWith(':') && !Path.IsPathRooted(builder.DataSource))
                {
                    builder.DataSource = Path.Combine(dataDirectory, builder.DataSource);
                }

                return builder.ToString();
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new StartupConfigurationException(
                    $"Configuration key '{ConnectionStringKey}' is not a valid SQLite connection string ({ex.Message}).", ex);
            }
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new StartupConfigurationException(
                $"Configuration key '{ConnectionStringKey}' is required when '{ProviderKey}' is 'Postgres'.");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                throw new ArgumentException("no Host");
            }

            return builder.ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The message of Npgsql's parser never repeats the password, but only its type name is shown to be safe.
            throw new StartupConfigurationException(
                $"Configuration key '{ConnectionStringKey}' is not a valid PostgreSQL connection string ({ex.GetType().Name}).", ex);
        }
    }

    /// <summary>Where the database lives, for messages: never the password.</summary>
    public string DescribeDatabase() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite at {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        _ => DescribePostgres(),
    };

    private string DescribePostgres()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return string.Create(CultureInfo.InvariantCulture, $"PostgreSQL at {builder.Host}:{builder.Port}/{builder.Database}");
    }
}
