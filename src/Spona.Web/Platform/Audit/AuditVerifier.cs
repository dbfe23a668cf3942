using System.Diagnostics;
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
        var expected = 1L;
        var previous = AuditHash.Genesis;
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

        failure = CheckClaimsAt(0);
        var last = 0L;
        while (failure is null)
        {
            var batch = await db.Set<AuditEntry>().AsNoTracking()
                .Where(e => e.Sequence > last)
                .OrderBy(e => e.Sequence)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var entry in batch)
            {
                if (entry.Sequence != expected)
                {
                    failure = new AuditFailure(AuditFailureKind.Gap, expected,
                        entry.Sequence > expected ? $"Entry {expected} is missing (the next one is {entry.Sequence})." : $"Entry {entry.Sequence} appears out of order.");
                    break;
                }

                if (!string.Equals(AuditHash.Compute(entry), entry.EntryHash, StringComparison.Ordinal))
                {
                    failure = new AuditFailure(AuditFailureKind.HashMismatch, entry.Sequence, $"Entry {entry.Sequence} does not match its hash: its content was changed.");
                    break;
                }

                if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
                {
                    failure = new AuditFailure(AuditFailureKind.PreviousHashMismatch, entry.Sequence,
                        $"Entry {entry.Sequence} does not link to entry {entry.Sequence - 1}: the entries were reordered, or entry {entry.Sequence - 1} was rewritten.");
                    break;
                }

                tree.AppendLeafHash(MerkleTree.LeafHash(AuditHash.LeafData(entry.EntryHash)));
                previous = entry.EntryHash;
                expected++;
                failure = CheckClaimsAt(tree.Size);
                if (failure is not null)
                {
                    break;
                }
            }

            last = batch[^1].Sequence;
        }

        if (failure is null && nextClaim < claims.Count)
        {
            var claim = claims[nextClaim];
            failure = new AuditFailure(AuditFailureKind.Truncated, tree.Size + 1,
                $"A checkpoint covers {claim.TreeSize} entries but only {tree.Size} exist: entries from {tree.Size + 1} on were removed.");
        }

        var backlog = await sealer.BacklogAsync(db, cancellationToken);
        return new AuditVerification(tree.Size, Convert.ToHexStringLower(tree.Root()), stopwatch.Elapsed, failure, checkedClaims) { Unsealed = backlog };
    }
}
