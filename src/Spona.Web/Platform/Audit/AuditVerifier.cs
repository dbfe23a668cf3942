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
public sealed class AuditVerifier(AppDbContext db, AuditSealer sealer)
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
    /// Streams the chain with a data reader (no entity materialisation) and checks every entry's sequence, hash and
    /// link, appending each to the Merkle tree; the encoding buffer and hash spans are reused for every entry.
    /// </summary>
    private async Task<AuditFailure?> VerifyChainAsync(MerkleTreeBuilder tree, Func<long, AuditFailure?> checkClaimsAt, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT "Sequence", "OccurredAt", "ActorUserId", "ActorLabel", "InstitutionId", "Action", "EntityType", "EntityKey",
                       "Changes", "Reason", "CorrelationId", "Outcome", "PreviousHash", "EntryHash", "OperationId", "OperationType"
                FROM "{AuditSchema.EntriesTable}" ORDER BY "Sequence"
                """;
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
            byte[]? buffer = null;
            var hash = new byte[32];
            var hex = new char[64];
            var leaf = new byte[33];
            var expected = 1L;
            var previous = AuditHash.Genesis;
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
                tree.AppendLeafHash(hash);
                previous = entryHash;
                expected++;
                if (checkClaimsAt(tree.Size) is { } failure)
                {
                    return failure;
                }
            }

            return null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
