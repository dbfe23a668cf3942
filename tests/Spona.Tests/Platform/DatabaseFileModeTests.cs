using System.Net;
using Microsoft.Data.Sqlite;
using Spona.Tests.Infrastructure;

namespace Spona.Tests.Platform;

/// <summary>
/// The data folder and the SQLite files (database, <c>-wal</c>, <c>-shm</c>) belong to the service account alone:
/// created <c>0700</c>/<c>0600</c>, tightened at start when an older version left them readable, refused in a folder
/// that others can write to.
/// </summary>
public sealed class DatabaseFileModeTests : IAsyncLifetime
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private TestDatabase? database;

    private TestDatabase Database => database!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [Fact]
    public async Task Start_EmptyDataFolder_CreatesTheFolderAndTheDatabaseFilesForTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var dataDirectory = Path.Combine(Database.DataDirectory, "fresh", "data");
        var file = Path.Combine(dataDirectory, "spona.db");

        await using (var factory = Start(dataDirectory))
        {
            var ready = await factory.CreateBrowser().GetAsync(new Uri("/health/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDirectory));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(dataDirectory, "keys")));
            if (Database.IsPostgres)
            {
                Assert.False(File.Exists(file));
                return;
            }

            // While connections are open (pooled) SQLite keeps its write-ahead log and shared-memory index beside the file.
            Assert.True(File.Exists(file + "-wal"), "the database runs in WAL mode");
            foreach (var path in new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists))
            {
                Assert.True((File.GetUnixFileMode(path) & GroupOrOther) == 0, $"{path}: {File.GetUnixFileMode(path)}");
                Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserWrite) != 0, path);
            }
        }

        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Start_DatabaseFilesReadableByOthers_AreRestrictedToTheOwner()
    {
        if (OperatingSystem.IsWindows() || Database.IsPostgres)
        {
            return;
        }

        var dataDirectory = Path.Combine(Database.DataDirectory, "upgraded");
        var file = Path.Combine(dataDirectory, "spona.db");
        await using (var first = Start(dataDirectory))
        {
            _ = first.Server;
        }

        SqliteConnection.ClearAllPools();
        // As an older version left them: made with the default umask.
        File.WriteAllBytes(file + "-journal", []);
        File.SetUnixFileMode(dataDirectory, (UnixFileMode)Convert.ToInt32("755", 8));
        foreach (var path in new[] { file, file + "-journal" })
        {
            File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("644", 8));
        }

        await using (var second = Start(dataDirectory))
        {
            _ = second.Server;

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDirectory));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Contains(second.Logs.Lines, l => l.Contains("restricted it to the service account", StringComparison.Ordinal) && l.Contains(file, StringComparison.Ordinal));
        }

        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Start_DatabaseInAFolderOthersCanWrite_IsRefusedInOneLineNamingTheKey()
    {
        if (OperatingSystem.IsWindows() || Database.IsPostgres)
        {
            return;
        }

        var dataDirectory = Path.Combine(Database.DataDirectory, "shared");
        Directory.CreateDirectory(dataDirectory);
        File.SetUnixFileMode(dataDirectory, (UnixFileMode)Convert.ToInt32("1777", 8));

        var (exitCode, _, error) = await ProcessRunner.RunAsync(
            new Dictionary<string, string> { ["DataDirectory"] = dataDirectory, ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" }, TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("'DataDirectory'", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dataDirectory, "spona.db")), "nothing was written there");
    }

    private SponaFactory Start(string dataDirectory) => new(Database, settings: new Dictionary<string, string>
    {
        ["DataDirectory"] = dataDirectory,
        ["Database:ConnectionString"] = Database.IsPostgres ? Database.ConnectionString : "Data Source=spona.db",
    });
}
