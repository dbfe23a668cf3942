using System.Globalization;
using Npgsql;

namespace Spona.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test fixture, on the provider that this run tests: SQLite (a temp file) or
/// PostgreSQL (a new database on the cluster that test.sh started). SPONA_TEST_PROVIDER chooses; every data test runs
/// on both because test.sh runs the suite once per provider.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? postgresDatabase;

    private TestDatabase(string provider, string connectionString, string dataDirectory, string? postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
        this.postgresDatabase = postgresDatabase;
    }

    public static string CurrentProvider => Environment.GetEnvironmentVariable("SPONA_TEST_PROVIDER") ?? "Sqlite";

    public string Provider { get; }

    public string ConnectionString { get; }

    public string DataDirectory { get; }

    public bool IsPostgres => Provider == "Postgres";

    public static async Task<TestDatabase> CreateAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "spona-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        if (CurrentProvider != "Postgres")
        {
            return new TestDatabase("Sqlite", $"Data Source={Path.Combine(dataDirectory, "spona.db")}", dataDirectory, null);
        }

        var admin = AdminConnectionString();
        var name = "spona_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase("Postgres", builder.ConnectionString, dataDirectory, name);
    }

    public static string AdminConnectionString() =>
        Environment.GetEnvironmentVariable("SPONA_TEST_POSTGRES")
        ?? throw new InvalidOperationException("SPONA_TEST_PROVIDER=Postgres needs SPONA_TEST_POSTGRES (test.sh sets both).");

    public async ValueTask DisposeAsync()
    {
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(AdminConnectionString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)");
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
