using Microsoft.Extensions.Configuration;
using Spona.Web.Platform.Configuration;

namespace Spona.Tests.Platform;

public sealed class ConfigurationTests
{
    private static SponaSettings Load(params (string Key, string? Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        return SponaSettings.Load(configuration, Path.GetTempPath());
    }

    [Fact]
    public void Load_NothingConfigured_UsesSqliteUnderDataDirectory()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "spona-config-" + Guid.NewGuid().ToString("N"));
        var settings = Load(("DataDirectory", dataDirectory));

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Contains(Path.Combine(dataDirectory, "spona.db"), settings.ConnectionString, StringComparison.Ordinal);
        Assert.True(Directory.Exists(dataDirectory));
        Directory.Delete(dataDirectory);
    }

    [Fact]
    public void Load_UnknownProvider_NamesTheKey()
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Load(("Database:Provider", "Oracle")));

        Assert.Contains("'Database:Provider'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Oracle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PostgresWithoutConnectionString_NamesTheKey()
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Load(("Database:Provider", "Postgres")));

        Assert.Contains("'Database:ConnectionString'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Postgres", "Host=localhost;Nonsense Key=1")]
    [InlineData("Postgres", "this is not a connection string")]
    [InlineData("Sqlite", "Data Source=x.db;Unknown=1")]
    public void Load_MalformedConnectionString_NamesTheKeyWithoutThePassword(string provider, string connectionString)
    {
        var error = Assert.Throws<StartupConfigurationException>(() =>
            Load(("Database:Provider", provider), ("Database:ConnectionString", connectionString + ";Password=canary-secret-9f3")));

        Assert.Contains("'Database:ConnectionString'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("canary-secret-9f3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnwritableDataDirectory_NamesTheKey()
    {
        var file = Path.GetTempFileName();
        try
        {
            // A path below a regular file can never be created, whoever runs the test (root included).
            var error = Assert.Throws<StartupConfigurationException>(() => Load(("DataDirectory", Path.Combine(file, "data"))));

            Assert.Contains("'DataDirectory'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
