using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
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
            failure = await VerifyChainAsync(tree, CheckClaimsAt, cancellationToken);
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
    /// Checks every entry's sequence, hash and link, and appends each to the Merkle tree. Every entry is hashed over
    /// its own stored fields (its stored link included), so entries are checked independently: a large trail is read
    /// in windows, each split into ranges that workers read and hash on connections of their own; only the leaves
    /// join the tree in order. The failure reported is the first in sequence order, exactly as one reader would find
    /// it (a checkpoint covering only entries before it is checked first). A trail whose sequence numbers are not
    /// exactly 1..N (a gap, a row out of place) is read by one reader, which names the first missing entry.
    /// </summary>
    private async Task<AuditFailure?> VerifyChainAsync(MerkleTreeBuilder tree, Func<long, AuditFailure?> checkClaimsAt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var workers = Math.Clamp(settings.VerifyWorkers, 1, 16);
        var stats = await db.Set<AuditEntry>().GroupBy(_ => 1)
            .Select(g => new { Count = g.LongCount(), First = g.Min(e => e.Sequence), Last = g.Max(e => e.Sequence) })
            .FirstOrDefaultAsync(cancellationToken);
        var (count, first, last) = stats is null ? (0L, 0L, 0L) : (stats.Count, stats.First, stats.Last);
        if (workers == 1 || count < Math.Max(2, settings.VerifyParallelFromEntries) || first != 1 || last != count)
        {
            return await VerifyRangeAsync(db, 1, long.MaxValue, (_, leaf) =>
            {
                tree.AppendLeafHash(leaf);
                return checkClaimsAt(tree.Size);
            }, cancellationToken);
        }

        var window = (int)Math.Min(Math.Max(settings.VerifyWindowEntries, 1), count);
        var leaves = new byte[window * MerkleTree.HashSize];
        for (var windowStart = 1L; windowStart <= count; windowStart += window)
        {
            var windowEnd = Math.Min(count, windowStart + window - 1);
            var size = windowEnd - windowStart + 1;
            var part = (size + workers - 1) / workers;
            var origin = windowStart;
            var ranges = new List<(long From, long To)>();
            for (var from = windowStart; from <= windowEnd; from += part)
            {
                ranges.Add((from, Math.Min(windowEnd, from + part - 1)));
            }

            var failures = await Task.WhenAll(ranges.Select(range => Task.Run(async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var worker = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                return await VerifyRangeAsync(worker, range.From, range.To, (sequence, leaf) =>
                {
                    leaf.CopyTo(leaves.AsSpan((int)(sequence - origin) * MerkleTree.HashSize, MerkleTree.HashSize));
                    return null;
                }, cancellationToken);
            }, cancellationToken)));
            var failure = failures.Where(f => f is not null).MinBy(f => f!.Sequence);
            var goodEnd = failure is null ? windowEnd : failure.Sequence - 1;
            for (var sequence = windowStart; sequence <= goodEnd; sequence++)
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

        return null;
    }

    /// <summary>What a range hands each intact entry's RFC 6962 leaf hash to; a failure stops the range.</summary>
    private delegate AuditFailure? LeafSink(long sequence, ReadOnlySpan<byte> leafHash);

    /// <summary>
    /// Streams the entries <paramref name="from"/>..<paramref name="to"/> with a data reader (no entity
    /// materialisation), reading the entry before the range only for its hash (the range's first link); the encoding
    /// buffer and hash spans are reused for every entry. Returns the first failure in the range.
    /// </summary>
    private static async Task<AuditFailure?> VerifyRangeAsync(AppDbContext context, long from, long to, LeafSink sink, CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT "Sequence", "OccurredAt", "ActorUserId", "ActorLabel", "InstitutionId", "Action", "EntityType", "EntityKey",
                       "Changes", "Reason", "CorrelationId", "Outcome", "PreviousHash", "EntryHash", "OperationId", "OperationType"
                FROM "{AuditSchema.EntriesTable}" WHERE "Sequence" >= @from AND "Sequence" <= @to ORDER BY "Sequence"
                """;
            AddParameter(command, "@from", from - 1);
            AddParameter(command, "@to", to);
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
            byte[]? buffer = null;
            var hash = new byte[32];
            var hex = new char[64];
            var leaf = new byte[33];
            var expected = from;
            var previous = AuditHash.Genesis;
            if (from > 1)
            {
                // The entry before the range: its own checks belong to the range before; only its hash is the link.
                if (!await reader.ReadAsync(cancellationToken) || reader.GetInt64(0) != from - 1)
                {
                    return new AuditFailure(AuditFailureKind.Gap, from - 1, $"Entry {from - 1} is missing.");
                }

                previous = reader.GetString(13);
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
                if (sequence != expected)
                {
                    return new AuditFailure(AuditFailureKind.Gap, expected,
                        sequence > expected ? $"Entry {expected} is missing (the next one is {sequence})." : $"Entry {sequence} appears out of order.");
                }

                AuditHash.Compute(ref buffer, sequence, occurredAt, actor, actorLabel, institution, action, entityType, entityKey,
                    changes, reason, correlation, outcome, operationId, operationType, previousHash, hash);
                Convert.TryToHexStringLower(hash, hex, out _);
                if (!entryHash.AsSpan().SequenceEqual(hex))
                {
                    return new AuditFailure(AuditFailureKind.HashMismatch, sequence, $"Entry {sequence} does not match its hash: its content was changed.");
                }

                if (!string.Equals(previousHash, previous, StringComparison.Ordinal))
                {
                    return new AuditFailure(AuditFailureKind.PreviousHashMismatch, sequence,
                        $"Entry {sequence} does not link to entry {sequence - 1}: the entries were reordered, or entry {sequence - 1} was rewritten.");
                }

                // RFC 6962 leaf: SHA-256(0x00 || the 32 bytes of the entry hash).
                leaf[0] = 0x00;
                hash.CopyTo(leaf, 1);
                SHA256.HashData(leaf, hash);
                if (sink(sequence, hash) is { } failure)
                {
                    return failure;
                }

                previous = entryHash;
                expected++;
            }

            // Rows ran out before the range's end: only a bounded range can tell (the open one ends where the trail does).
            return to != long.MaxValue && expected <= to
                ? new AuditFailure(AuditFailureKind.Gap, expected, $"Entry {expected} is missing.")
                : null;
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
