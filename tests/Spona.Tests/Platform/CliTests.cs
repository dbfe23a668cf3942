using Spona.Tests.Infrastructure;

namespace Spona.Tests.Platform;

/// <summary>The operator commands of the same executable, run as real processes against the test database.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    private Dictionary<string, string> Environment => new()
    {
        ["Database__Provider"] = database.Provider,
        ["Database__ConnectionString"] = database.ConnectionString,
        ["DataDirectory"] = database.DataDirectory,
    };

    private Task<(int ExitCode, string Output, string Error)> Spona(params string[] args) =>
        ProcessRunner.RunAsync(Environment, TimeSpan.FromMinutes(2), args);

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var (exitCode, output, _) = await Spona("--help");

        Assert.Equal(0, exitCode);
        foreach (var command in new[] { "migrate", "admin", "seed", "strategy" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Migrate_ThenAdminCreate_CreatesAnAccountOnceOnly()
    {
        var migrate = await Spona("migrate");
        Assert.Equal(0, migrate.ExitCode);

        var passwordFile = Path.Combine(database.DataDirectory, "password.txt");
        await File.WriteAllTextAsync(passwordFile, "a long enough password for the test\n");
        var create = await Spona("admin", "create", "--email", "cli-admin@example.test", "--password-file", passwordFile);
        Assert.Equal(0, create.ExitCode);
        Assert.Contains("cli-admin@example.test", create.Output, StringComparison.Ordinal);

        var again = await Spona("admin", "create", "--email", "cli-admin@example.test", "--password-file", passwordFile);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("a long enough password", again.Output + again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCreate_ShortPassword_IsRefused()
    {
        var passwordFile = Path.Combine(database.DataDirectory, "short.txt");
        await File.WriteAllTextAsync(passwordFile, "short");

        var (exitCode, _, error) = await Spona("admin", "create", "--email", "short@example.test", "--password-file", passwordFile);

        Assert.Equal(1, exitCode);
        Assert.Contains("at least 12", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCreate_MissingPasswordFile_ExitsWithUsageError()
    {
        var (exitCode, _, error) = await Spona("admin", "create", "--email", "x@example.test", "--password-file", "/nonexistent/file");

        Assert.Equal(2, exitCode);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCreate_MissingEmail_ExitsNonZero()
    {
        var (exitCode, _, error) = await Spona("admin", "create");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--email", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedReference_Twice_AddsNothingTheSecondTime()
    {
        var first = await Spona("seed", "reference");
        var second = await Spona("seed", "reference");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Added 163 jurisdictions", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Added 0 jurisdictions, 0 institutions, 0 code-list items", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrategyImport_MalformedFile_NamesThePlace()
    {
        var file = Path.Combine(database.DataDirectory, "bad-strategy.json");
        var json = StrategyFixtures.EmbeddedJson().Replace("\"number\": \"3.4\"", "\"number\": \"3.3\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, json);

        var (exitCode, _, error) = await Spona("strategy", "import", file);

        Assert.Equal(1, exitCode);
        Assert.Contains("(3.3)", error, StringComparison.Ordinal);
        Assert.Contains("duplicate measure number", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownProvider_ExitsWithConfigurationError()
    {
        var environment = Environment;
        environment["Database__Provider"] = "Access";

        var (exitCode, _, error) = await ProcessRunner.RunAsync(environment, TimeSpan.FromMinutes(1), "migrate");

        Assert.Equal(2, exitCode);
        Assert.Contains("'Database:Provider'", error, StringComparison.Ordinal);
    }
}
