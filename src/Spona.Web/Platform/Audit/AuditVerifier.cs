using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Audit;

public enum AuditFailureKind
{
    /// <summary>The entry's content no longer matches its hash: a field was changed.</summary>
    HashMismatch,

    /// <summary>An entry is missing: sequence numbers jump (a row was deleted).</summary>
    Gap,

    /// <summary>The entry does not link to the hash of the entry before it (reordered, relinked, or the one before was rewritten).</summary>
    PreviousHashMismatch,

    /// <summary>The tree of the first N entries has another root than an exported checkpoint: history was rewritten.</summary>
    CheckpointMismatch,

    /// <summary>Fewer entries exist than an exported checkpoint covers: entries were removed from the end.</summary>
    Truncated,
}

/// <summary>Where verification first found the trail broken.</summary>
public sealed record AuditFailure(AuditFailureKind Kind, long Sequence, string Detail);

/// <summary>An exported checkpoint to check the current trail against.</summary>
public sealed record CheckpointClaim(long TreeSize, string RootHash);

public sealed record AuditVerification(long Count, string RootHash, TimeSpan Elapsed, AuditFailure? Failure, int CheckpointsChecked)
{
    public bool Intact => Failure is null;

    /// <summary>The entries written but not yet sealed into the chain (the chain and checkpoints cover none of them).</summary>
    public UnsealedBacklog? Unsealed { get; init; }
}

/// <summary>
/// Checks the whole trail in sequence order, in batches (constant memory): every entry's hash, every link, no gaps,
/// and the RFC 6962 root of the first N entries against each given checkpoint. Reports the first problem found.
/// </summary>
public sealed class AuditVerifier(AppDbContext db, AuditSealer sealer, IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<AuditOptions> options)
{
    public const int BatchSize = 5000;

    public async Task<AuditVerification> VerifyAsync(IReadOnlyList<CheckpointClaim>? checkpoints, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var claims = (checkpoints ?? []).OrderBy(c => c.TreeSize).ToList();
        var nextClaim = 0;
        var checkedClaims = 0;
        long lastGoodClaim = 0;
        var tree = new MerkleTreeBuilder();
        AuditFailure? failure = null;

        AuditFailure? CheckClaimsAt(long size)
        {
            while (nextClaim < claims.Count && claims[nextClaim].TreeSize <= size)
            {
                var claim = claims[nextClaim++];
                if (claim.TreeSize == 0)
                {
                    continue;
                }

                checkedClaims++;
                var root = Convert.ToHexStringLower(tree.Root());
                if (!string.Equals(root, claim.RootHash, StringComparison.OrdinalIgnoreCase))
                {
                    return new AuditFailure(AuditFailureKind.CheckpointMismatch, lastGoodClaim + 1,
                        $"The first {claim.TreeSize} entries have the root {root}, but the checkpoint says {claim.RootHash.ToLowerInvariant()}: an entry between {lastGoodClaim + 1} and {claim.TreeSize} was rewritten.");
                }

                lastGoodClaim = claim.TreeSize;
            }

            return null;
        }

        // The backlog first: an entry counted as unsealed here may be sealed by the time the chain is read (counted
        // twice), but an entry sealed after the chain was read is never missing from both.
        var backlog = await sealer.BacklogAsync(db, cancellationToken);
        failure = CheckClaimsAt(0);
        if (failure is null)
        {
            failure = await VerifyChainAsync(tree, CheckClaimsAt, () => nextClaim < claims.Count ? claims[nextClaim].TreeSize : long.MaxValue, cancellationToken);
        }

        if (failure is null && nextClaim < claims.Count)
        {
            var claim = claims[nextClaim];
            failure = new AuditFailure(AuditFailureKind.Truncated, tree.Size + 1,
                $"A checkpoint covers {claim.TreeSize} entries but only {tree.Size} exist: entries from {tree.Size + 1} on were removed.");
        }

        return new AuditVerification(tree.Size, Convert.ToHexStringLower(tree.Root()), stopwatch.Elapsed, failure, checkedClaims) { Unsealed = backlog };
    }

    /// <summary>
    /// How many sealed entries exist and their first and last sequence numbers, in one plain statement of three
    /// sub-queries: each alone is answered from the b-tree (SQLite counts pages, the key gives the ends), where COUNT,
    /// MIN and MAX in one aggregate scan the whole table (about 0.2 s for 10^6 entries on SQLite).
    /// </summary>
    private async Task<(long Count, long First, long Last)> ChainExtentAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var table = AuditSchema.EntriesTable;
            command.CommandText = $"""
                SELECT (SELECT COUNT(*) FROM "{table}"), (SELECT MIN("Sequence") FROM "{table}"), (SELECT MAX("Sequence") FROM "{table}")
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return reader.IsDBNull(1) ? (0, 0, 0) : (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Checks every entry's sequence, hash and link, and appends each to the Merkle tree. Every entry is hashed over
    /// its own stored fields (its stored link included), so entries are checked independently: a large trail is read
    /// in windows of chunks (<see cref="AuditOptions.VerifyChunkEntries"/>, a power of two), which workers read and hash on connections of their
    /// own, each chunk's leaves and, for a full chunk, the root of its subtree; in order, the tree then takes each
    /// chunk's root, or its leaves one by one when a checkpoint ends inside the chunk or the chunk holds a failure.
    /// The failure reported is the first in sequence order, exactly as one reader would find it (a checkpoint covering
    /// only entries before it is checked first). A trail whose sequence numbers are not exactly 1..N (a gap, a row out
    /// of place) is read by one reader, which names the first missing entry.
    /// </summary>
    private async Task<AuditFailure?> VerifyChainAsync(
        MerkleTreeBuilder tree, Func<long, AuditFailure?> checkClaimsAt, Func<long> nextClaimSize, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var workers = Math.Clamp(settings.VerifyWorkers, 1, 16);
        var (count, first, last) = await ChainExtentAsync(cancellationToken);
        if (workers == 1 || count < Math.Max(2, settings.VerifyParallelFromEntries) || first != 1 || last != count)
        {
            return await VerifyRangeAsync(db, 1, long.MaxValue, (_, leaf) =>
            {
                tree.AppendLeafHash(leaf);
                return checkClaimsAt(tree.Size);
            }, cancellationToken);
        }

        var chunkEntries = 1 << System.Numerics.BitOperations.Log2((uint)Math.Max(1, settings.VerifyChunkEntries));
        // Whole chunks per window (at least one), so that every window starts on a chunk boundary; a trail that fits in
        // the configured window is read as one window.
        var windowChunks = Math.Max(1, Math.Min(settings.VerifyWindowEntries, count + chunkEntries - 1) / chunkEntries);
        var window = (int)(windowChunks * chunkEntries);
        var leaves = new byte[(long)window * MerkleTree.HashSize];
        var chunkRoots = new byte[(window / chunkEntries) * MerkleTree.HashSize];
        for (var windowStart = 1L; windowStart <= count; windowStart += window)
        {
            var windowEnd = Math.Min(count, windowStart + window - 1);
            var chunks = (int)((windowEnd - windowStart + chunkEntries) / chunkEntries);
            var failures = new AuditFailure?[chunks];
            var next = -1;
            var origin = windowStart;
            var end = windowEnd;
            await Task.WhenAll(Enumerable.Range(0, Math.Min(workers, chunks)).Select(_ => Task.Run(async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var worker = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                int chunk;
                while ((chunk = Interlocked.Increment(ref next)) < chunks)
                {
                    var from = origin + ((long)chunk * chunkEntries);
                    var to = Math.Min(end, from + chunkEntries - 1);
                    var subtree = new MerkleTreeBuilder();
                    failures[chunk] = await VerifyRangeAsync(worker, from, to, (sequence, leaf) =>
                    {
                        leaf.CopyTo(leaves.AsSpan((int)(sequence - origin) * MerkleTree.HashSize, MerkleTree.HashSize));
                        subtree.AppendLeafHash(leaf);
                        return null;
                    }, cancellationToken);
                    if (subtree.Size == chunkEntries)
                    {
                        subtree.Root().CopyTo(chunkRoots.AsSpan(chunk * MerkleTree.HashSize, MerkleTree.HashSize));
                    }
                }
            }, cancellationToken)));

            for (var chunk = 0; chunk < chunks; chunk++)
            {
                var from = windowStart + ((long)chunk * chunkEntries);
                var to = Math.Min(windowEnd, from + chunkEntries - 1);
                var failure = failures[chunk];
                if (failure is null && to - from + 1 == chunkEntries && nextClaimSize() >= to)
                {
                    tree.AppendSubtree(chunkRoots.AsSpan(chunk * MerkleTree.HashSize, MerkleTree.HashSize), chunkEntries);
                    if (checkClaimsAt(tree.Size) is { } claimFailure)
                    {
                        return claimFailure;
                    }

                    continue;
                }

                var goodEnd = failure is null ? to : failure.Sequence - 1;
                for (var sequence = from; sequence <= goodEnd; sequence++)
                {
                    tree.AppendLeafHash(leaves.AsSpan((int)(sequence - windowStart) * MerkleTree.HashSize, MerkleTree.HashSize));
                    if (checkClaimsAt(tree.Size) is { } claimFailure)
                    {
                        return claimFailure;
                    }
                }

                if (failure is not null)
                {
                    return failure;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Streams the entries <paramref name="from"/>..<paramref name="to"/> without entity materialisation, reading the
    /// entry before the range only for its hash (the range's first link); the encoding buffer and hash spans are
    /// reused for every entry. On SQLite the stored bytes are read in place and hashed without decoding them; other
    /// databases go through a data reader. Returns the first failure in the range.
    /// </summary>
    private static async Task<AuditFailure?> VerifyRangeAsync(AppDbContext context, long from, long to, LeafSink sink, CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var check = new RangeCheck(from, to, sink);
            return connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
                ? SqliteAuditRange.Verify(sqlite, check, cancellationToken)
                : await VerifyRangeWithReaderAsync(connection, check, cancellationToken);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    private static async Task<AuditFailure?> VerifyRangeWithReaderAsync(System.Data.Common.DbConnection connection, RangeCheck check, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = RangeCheck.Sql;
        AddParameter(command, "@from", check.From - 1);
        AddParameter(command, "@to", check.To);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        byte[]? buffer = null;
        var hash = new byte[32];
        var entryHashBytes = new byte[64];
        var previousHashBytes = new byte[64];
        if (check.From > 1)
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return check.PrecedingMissing();
            }

            var sequence = reader.GetInt64(0);
            if (check.Preceding(sequence, Utf8(reader.GetString(13), ref entryHashBytes)) is { } failure)
            {
                return failure;
            }
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            var occurredAt = reader.GetDateTime(1);
            Guid? actor = reader.IsDBNull(2) ? null : reader.GetGuid(2);
            var actorLabel = reader.GetString(3);
            Guid? institution = reader.IsDBNull(4) ? null : reader.GetGuid(4);
            var action = reader.GetString(5);
            var entityType = reader.GetString(6);
            var entityKey = reader.GetString(7);
            var changes = reader.IsDBNull(8) ? null : reader.GetString(8);
            var reason = reader.IsDBNull(9) ? null : reader.GetString(9);
            var correlation = reader.IsDBNull(10) ? null : reader.GetString(10);
            var outcome = reader.GetString(11);
            var previousHash = reader.GetString(12);
            var entryHash = reader.GetString(13);
            Guid? operationId = reader.IsDBNull(14) ? null : reader.GetGuid(14);
            var operationType = reader.IsDBNull(15) ? null : reader.GetString(15);
            AuditHash.Compute(ref buffer, sequence, occurredAt, actor, actorLabel, institution, action, entityType, entityKey,
                changes, reason, correlation, outcome, operationId, operationType, previousHash, hash);
            if (check.Entry(sequence, hash, Utf8(entryHash, ref entryHashBytes), Utf8(previousHash, ref previousHashBytes)) is { } failure)
            {
                return failure;
            }
        }

        return check.End();
    }

    private static ReadOnlySpan<byte> Utf8(string value, ref byte[] scratch)
    {
        var needed = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
        if (scratch.Length < needed)
        {
            scratch = new byte[needed];
        }

        return scratch.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(value, scratch));
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
