using Spona.Tests.Infrastructure;

namespace Spona.Tests.Platform.Audit;

/// <summary><c>spona audit …</c> as an operator runs it, against the database of this run.</summary>
public sealed class AuditCliTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    private Task<(int ExitCode, string Output, string Error)> Spona(params string[] args) => ProcessRunner.RunAsync(
        new Dictionary<string, string>
        {
            ["Database__Provider"] = database.Provider,
            ["Database__ConnectionString"] = database.ConnectionString,
            ["DataDirectory"] = database.DataDirectory,
        },
        TimeSpan.FromMinutes(2),
        args);

    [Fact]
    public async Task Verify_Checkpoint_Export_ThenTamperingIsFoundWithExitCode1()
    {
        Assert.Equal(0, (await Spona("migrate")).ExitCode);

        var intact = await Spona("audit", "verify");
        var checkpoint = await Spona("audit", "checkpoint");
        var file = Path.Combine(database.DataDirectory, "checkpoints.jsonl");
        var export = await Spona("audit", "export-checkpoint", "--output", file);

        Assert.Equal(0, intact.ExitCode);
        Assert.Matches("Intact: [0-9]+ entries, root [0-9a-f]{64}", intact.Output);
        Assert.Equal(0, checkpoint.ExitCode);
        Assert.Contains("\"rootHash\"", checkpoint.Output, StringComparison.Ordinal);
        Assert.Equal(0, export.ExitCode);
        Assert.Single(await File.ReadAllLinesAsync(file));
        Assert.Equal(0, (await Spona("audit", "verify", "--checkpoint", file)).ExitCode);

        await AuditDatabase.DisableTriggersAsync(database);
        await AuditDatabase.ExecuteAsync(database, """UPDATE "AuditEntries" SET "EntityKey" = 'other' WHERE "Sequence" = 4""");
        var tampered = await Spona("audit", "verify", "--checkpoint", file);

        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("TAMPERED: entry 4: HashMismatch", tampered.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_BadCheckpointFile_IsAUsageError()
    {
        var missing = await Spona("audit", "verify", "--checkpoint", "/nonexistent/checkpoints.jsonl");
        var file = Path.Combine(database.DataDirectory, "bad.jsonl");
        await File.WriteAllTextAsync(file, "not json\n");
        var malformed = await Spona("audit", "verify", "--checkpoint", file);
        var hidden = await Spona("audit", "generate-synthetic", "--count", "10");

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("Line 1", malformed.Error, StringComparison.Ordinal);
        Assert.Equal(2, hidden.ExitCode);
    }
}
