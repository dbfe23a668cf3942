using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Audit;

namespace Spona.Tests.Platform.Audit;

/// <summary>
/// Entries written through the application, then tampered with directly in the database (on the provider of this
/// run): verification finds every change and names the first entry affected (S7).
/// </summary>
public class AuditTamperTests : IAsyncLifetime
{
    private readonly AppFixture app;

    public AuditTamperTests()
        : this(new AppFixture())
    {
    }

    protected AuditTamperTests(AppFixture app) => this.app = app;

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private TestDatabase Database => app.Database;

    [Fact]
    public async Task UntouchedTrail_Verifies_AndSeedingWasAudited()
    {
        var result = await AuditDatabase.VerifyAsync(app.Factory);

        Assert.True(result.Intact, result.Failure?.Detail);
        Assert.True(result.Count > 100, $"{result.Count} entries");
        var entries = await AuditDatabase.EntriesAsync(app.Factory);
        Assert.Contains(entries, e => e.EntityType == "Jurisdiction" && e.Action == AuditActions.EntityCreated && e.ActorLabel == AuditActor.SystemLabel);
    }

    [Fact]
    public async Task Database_RefusesUpdateAndDelete()
    {
        await Assert.ThrowsAnyAsync<DbException>(() => AuditDatabase.ExecuteAsync(Database, """UPDATE "AuditEntries" SET "Reason" = 'x' WHERE "Sequence" = 1"""));
        await Assert.ThrowsAnyAsync<DbException>(() => AuditDatabase.ExecuteAsync(Database, """DELETE FROM "AuditEntries" WHERE "Sequence" = 1"""));

        Assert.True((await AuditDatabase.VerifyAsync(app.Factory)).Intact);
    }

    [Fact]
    public async Task ChangedField_IsFoundAtItsEntry()
    {
        await AuditDatabase.DisableTriggersAsync(Database);
        await AuditDatabase.ExecuteAsync(Database, """UPDATE "AuditEntries" SET "ActorLabel" = 'someone-else' WHERE "Sequence" = 5""");

        var result = await AuditDatabase.VerifyAsync(app.Factory);

        Assert.Equal(AuditFailureKind.HashMismatch, result.Failure?.Kind);
        Assert.Equal(5, result.Failure!.Sequence);
    }

    [Fact]
    public async Task TwoChangedEntries_TheFirstIsReported_AndTheTreeEndsBeforeIt()
    {
        await AuditDatabase.DisableTriggersAsync(Database);
        await AuditDatabase.ExecuteAsync(Database, """UPDATE "AuditEntries" SET "EntityKey" = 'later' WHERE "Sequence" = 12""");
        await AuditDatabase.ExecuteAsync(Database, """UPDATE "AuditEntries" SET "EntityKey" = 'earlier' WHERE "Sequence" = 4""");

        var result = await AuditDatabase.VerifyAsync(app.Factory);

        Assert.Equal(AuditFailureKind.HashMismatch, result.Failure?.Kind);
        Assert.Equal(4, result.Failure!.Sequence);
        Assert.Equal(3, result.Count);
    }

    [Fact]
    public async Task DeletedRow_IsFoundAsAGap()
    {
        await AuditDatabase.DisableTriggersAsync(Database);
        await AuditDatabase.ExecuteAsync(Database, """DELETE FROM "AuditEntries" WHERE "Sequence" = 7""");

        var result = await AuditDatabase.VerifyAsync(app.Factory);

        Assert.Equal(AuditFailureKind.Gap, result.Failure?.Kind);
        Assert.Equal(7, result.Failure!.Sequence);
    }

    [Fact]
    public async Task SwappedRows_AreFoundAtTheFirst()
    {
        var entries = await AuditDatabase.EntriesAsync(app.Factory);
        await AuditDatabase.DisableTriggersAsync(Database);
        await AuditDatabase.OverwriteAsync(Database, 3, entries[5]);
        await AuditDatabase.OverwriteAsync(Database, 6, entries[2]);

        var result = await AuditDatabase.VerifyAsync(app.Factory);

        Assert.False(result.Intact);
        Assert.Equal(3, result.Failure!.Sequence);
    }

    [Fact]
    public async Task RecomputedHashOfOneRow_IsFoundAtTheNextLink()
    {
        var entries = await AuditDatabase.EntriesAsync(app.Factory);
        var forged = entries[9];
        forged.Reason = "nothing to see";
        AuditHash.Seal(forged, forged.Sequence, forged.PreviousHash);
        await AuditDatabase.DisableTriggersAsync(Database);
        await AuditDatabase.OverwriteAsync(Database, 10, forged);

        var result = await AuditDatabase.VerifyAsync(app.Factory);

        Assert.Equal(AuditFailureKind.PreviousHashMismatch, result.Failure?.Kind);
        Assert.Equal(11, result.Failure!.Sequence);
    }

    [Fact]
    public async Task RecomputedWholeChain_IsFoundByTheExportedCheckpoints()
    {
        var early = await CheckpointAsync();
        await UpdateAJurisdictionAsync();
        var late = await CheckpointAsync();
        var claims = new[] { early, late }.Select(c => new CheckpointClaim(c.TreeSize, c.RootHash)).ToList();
        Assert.True((await AuditDatabase.VerifyAsync(app.Factory, claims)).Intact);

        // Rewrite entry 20 and recompute every hash after it: the chain alone is consistent again.
        var entries = await AuditDatabase.EntriesAsync(app.Factory);
        await AuditDatabase.DisableTriggersAsync(Database);
        var previous = entries[18].EntryHash;
        for (var i = 19; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (i == 19)
            {
                entry.EntityKey = "rewritten";
            }

            AuditHash.Seal(entry, entry.Sequence, previous);
            previous = entry.EntryHash;
            await AuditDatabase.OverwriteAsync(Database, entry.Sequence, entry);
        }

        Assert.True((await AuditDatabase.VerifyAsync(app.Factory)).Intact);
        var result = await AuditDatabase.VerifyAsync(app.Factory, claims);
        Assert.Equal(AuditFailureKind.CheckpointMismatch, result.Failure?.Kind);
        Assert.Equal(1, result.Failure!.Sequence);
        Assert.Contains($"between 1 and {early.TreeSize}", result.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovedNewestEntries_AreFoundByTheCheckpoint()
    {
        var checkpoint = await CheckpointAsync();
        await AuditDatabase.DisableTriggersAsync(Database);
        await AuditDatabase.ExecuteAsync(Database, """DELETE FROM "AuditEntries" WHERE "Sequence" = @seq""", ("@seq", checkpoint.TreeSize));

        Assert.True((await AuditDatabase.VerifyAsync(app.Factory)).Intact);
        var result = await AuditDatabase.VerifyAsync(app.Factory, [new CheckpointClaim(checkpoint.TreeSize, checkpoint.RootHash)]);
        Assert.Equal(AuditFailureKind.Truncated, result.Failure?.Kind);
        Assert.Equal(checkpoint.TreeSize, result.Failure!.Sequence);
    }

    private async Task<AuditCheckpoint> CheckpointAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var (checkpoint, verification) = await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().CreateAsync(CancellationToken.None);
        Assert.True(verification.Intact);
        return checkpoint!;
    }

    private async Task UpdateAJurisdictionAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Spona.Web.Platform.Persistence.AppDbContext>();
        var jurisdiction = db.Jurisdictions.OrderBy(j => j.Code).First();
        jurisdiction.Rename(jurisdiction.Name + " (x)", null, null);
        await db.SaveChangesAsync();
    }
}

/// <summary>
/// The same tampering, verified by seven workers over windows of four entries in chunks of two (more workers than
/// chunks per window), as <c>spona audit verify</c> reads a large trail: every failure is still the first in sequence
/// order, at a window's or a chunk's edge as inside a chunk, and the root built from the chunks' subtrees is the root
/// of the whole trail.
/// </summary>
public sealed class AuditTamperParallelTests() : AuditTamperTests(new ParallelVerifyFixture())
{
    private sealed class ParallelVerifyFixture : AppFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Audit:VerifyWorkers"] = "7",
            ["Audit:VerifyParallelFromEntries"] = "2",
            ["Audit:VerifyWindowEntries"] = "5",
            ["Audit:VerifyChunkEntries"] = "3",
        };
    }
}
