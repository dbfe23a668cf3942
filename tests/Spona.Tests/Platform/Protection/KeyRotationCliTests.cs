using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Protection;

namespace Spona.Tests.Platform.Protection;

/// <summary><c>spona keys rotate</c> and <c>spona keys status</c> as an operator runs them, on the test database.</summary>
public sealed class KeyRotationCliTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    private Task<(int ExitCode, string Output, string Error)> Spona(params string[] args) =>
        ProcessRunner.RunAsync(
            new Dictionary<string, string>
            {
                ["Database__Provider"] = database.Provider,
                ["Database__ConnectionString"] = database.ConnectionString,
                ["DataDirectory"] = database.DataDirectory,
            },
            TimeSpan.FromMinutes(2),
            args);

    [Fact]
    public async Task Rotate_StoppedAfterOneBatch_KeepsEveryValueReadable_ThenFinishes()
    {
        var passwordFile = Path.Combine(database.DataDirectory, "password.txt");
        await File.WriteAllTextAsync(passwordFile, "a long enough password for the test\n");
        var names = new[] { "CANARY-Rot-1", "CANARY-Rot-2", "CANARY-Rot-3" };
        for (var i = 0; i < names.Length; i++)
        {
            var created = await Spona("admin", "create", "--email", $"rot{i}@example.test", "--password-file", passwordFile, "--name", names[i]);
            Assert.True(created.ExitCode == 0, created.Error);
        }

        var keyFile = Path.Combine(database.DataDirectory, "keys", KeyRing.FileName);
        var oldKey = KeyRing.LoadDirectory(Path.GetDirectoryName(keyFile)!, new FakeTimeProvider()).ActiveKey.Id;

        var partial = await Spona("keys", "rotate", "--batch-size", "2", "--max-batches", "1");

        Assert.True(partial.ExitCode == 0, partial.Error);
        Assert.Contains("retired", partial.Output, StringComparison.Ordinal);
        Assert.Contains("AspNetUsers.DisplayName [", partial.Output, StringComparison.Ordinal);
        Assert.Contains("run 'spona keys rotate' again", partial.Output, StringComparison.Ordinal);
        var ring = KeyRing.LoadDirectory(Path.GetDirectoryName(keyFile)!, new FakeTimeProvider());
        var newKey = ring.ActiveKey.Id;
        Assert.NotEqual(oldKey, newKey);
        var stored = await DisplayNamesAsync();
        Assert.Equal(2, stored.Count(v => v.StartsWith(FieldProtector.PrefixFor(newKey), StringComparison.Ordinal)));
        Assert.Equal(1, stored.Count(v => v.StartsWith(FieldProtector.PrefixFor(oldKey), StringComparison.Ordinal)));
        Assert.Equal(names, stored.Select(v => new FieldProtector(ring).Decrypt("AspNetUsers.DisplayName", v)).Order(StringComparer.Ordinal));

        var status = await Spona("keys", "status");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"data key {oldKey}  retired", status.Output, StringComparison.Ordinal);
        Assert.Contains($"data key {newKey}  active", status.Output, StringComparison.Ordinal);

        // A lost key: the values it encrypted are named, not silently skipped.
        var original = await File.ReadAllTextAsync(keyFile);
        var document = JsonNode.Parse(original)!;
        var keys = document["dataKeys"]!.AsArray();
        keys.Remove(keys.Single(k => (string?)k!["id"] == oldKey));
        await File.WriteAllTextAsync(keyFile, document.ToJsonString());
        var missing = await Spona("keys", "status");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"MISSING key {oldKey}", missing.Output, StringComparison.Ordinal);
        await File.WriteAllTextAsync(keyFile, original);

        var rest = await Spona("keys", "rotate");

        Assert.True(rest.ExitCode == 0, rest.Error);
        Assert.Contains("Continuing", rest.Output, StringComparison.Ordinal);
        Assert.Contains($"Done: every encrypted value uses key {newKey}", rest.Output, StringComparison.Ordinal);
        Assert.All(await DisplayNamesAsync(), v => Assert.StartsWith(FieldProtector.PrefixFor(newKey), v, StringComparison.Ordinal));
        var after = await Spona("keys", "status");
        Assert.Contains($"data key {oldKey}  retired  created", after.Output, StringComparison.Ordinal);
        Assert.Matches($"data key {oldKey} .* values 0", after.Output);
        // Every batch wrote its audit entry, sealed into the chain before the command exited: 2 values, then 1.
        Assert.Equal(["2", "1"], await ReEncryptedBatchesAsync());
    }

    private async Task<List<string>> ReEncryptedBatchesAsync()
    {
        await using DbConnection connection = database.IsPostgres ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Changes\" FROM \"AuditEntries\" WHERE \"Action\" = 'keys.re-encrypted' AND \"EntityKey\" = 'DisplayName' ORDER BY \"Sequence\"";
        var counts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts.Add(System.Text.Json.JsonDocument.Parse(reader.GetString(0)).RootElement[0].GetProperty("new").GetString()!);
        }

        return counts;
    }

    private async Task<List<string>> DisplayNamesAsync()
    {
        await using DbConnection connection = database.IsPostgres ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"DisplayName\" FROM \"AspNetUsers\"";
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
