namespace Spona.Web.Platform.Audit;

/// <summary>What a range hands each intact entry's RFC 6962 leaf hash to; a failure stops the range.</summary>
internal delegate AuditFailure? LeafSink(long sequence, ReadOnlySpan<byte> leafHash);

/// <summary>
/// The checks of one range of the trail, whatever reads it: sequence numbers without gaps, each entry's stored hash
/// equal to the hash of its stored fields, each stored link equal to the stored hash of the entry before, and the
/// RFC 6962 leaf of every intact entry handed on in order. Stored hashes are compared as their stored bytes (the
/// lowercase hex text), exactly: a hash stored in another case or length is a mismatch.
/// </summary>
internal sealed class RangeCheck(long from, long to, LeafSink sink)
{

    /// <summary>The range's rows and the one before it, in sequence order; the column order is what the readers expect.</summary>
    public const string Sql = $"""
        SELECT "Sequence", "OccurredAt", "ActorUserId", "ActorLabel", "InstitutionId", "Action", "EntityType", "EntityKey",
               "Changes", "Reason", "CorrelationId", "Outcome", "PreviousHash", "EntryHash", "OperationId", "OperationType"
        FROM "{AuditSchema.EntriesTable}" WHERE "Sequence" >= @from AND "Sequence" <= @to ORDER BY "Sequence"
        """;

    private byte[] previous = new byte[64];
    private readonly byte[] hex = new byte[64];
    private readonly byte[] leaf = new byte[1 + MerkleTree.HashSize];
    private readonly byte[] leafHash = new byte[MerkleTree.HashSize];
    private int previousLength = -1;
    private long expected = long.MinValue;


    public long From => from;

    public long To => to;

    /// <summary>The entry before the range was not read: the first row is missing.</summary>
    public AuditFailure PrecedingMissing() => new(AuditFailureKind.Gap, from - 1, $"Entry {from - 1} is missing.");

    /// <summary>The entry before the range: its own checks belong to the range before; only its hash is the link.</summary>
    public AuditFailure? Preceding(long sequence, ReadOnlySpan<byte> storedEntryHash)
    {
        if (sequence != from - 1)
        {
            return PrecedingMissing();
        }

        Remember(storedEntryHash);
        return null;
    }

    /// <summary>One entry of the range, with the hash computed over its stored fields.</summary>
    public AuditFailure? Entry(long sequence, ReadOnlySpan<byte> computedHash, ReadOnlySpan<byte> storedEntryHash, ReadOnlySpan<byte> storedPreviousHash)
    {
        if (expected == long.MinValue)
        {
            expected = from;
        }

        if (sequence != expected)
        {
            return new AuditFailure(AuditFailureKind.Gap, expected,
                sequence > expected ? $"Entry {expected} is missing (the next one is {sequence})." : $"Entry {sequence} appears out of order.");
        }

        Convert.TryToHexStringLower(computedHash, hex, out _);
        if (!storedEntryHash.SequenceEqual(hex))
        {
            return new AuditFailure(AuditFailureKind.HashMismatch, sequence, $"Entry {sequence} does not match its hash: its content was changed.");
        }

        if (previousLength < 0)
        {
            Remember(System.Text.Encoding.ASCII.GetBytes(AuditHash.Genesis));
        }

        if (!storedPreviousHash.SequenceEqual(previous.AsSpan(0, previousLength)))
        {
            return new AuditFailure(AuditFailureKind.PreviousHashMismatch, sequence,
                $"Entry {sequence} does not link to entry {sequence - 1}: the entries were reordered, or entry {sequence - 1} was rewritten.");
        }

        // RFC 6962 leaf: SHA-256(0x00 || the 32 bytes of the entry hash).
        leaf[0] = 0x00;
        computedHash.CopyTo(leaf.AsSpan(1));
        Sha256Scratch.HashData(leaf, leafHash);
        if (sink(sequence, leafHash) is { } failure)
        {
            return failure;
        }

        Remember(storedEntryHash);
        expected++;
        return null;
    }

    /// <summary>Rows ran out: only a bounded range can tell an entry is missing (the open one ends where the trail does).</summary>
    public AuditFailure? End()
    {
        var next = expected == long.MinValue ? from : expected;
        return to != long.MaxValue && next <= to ? new AuditFailure(AuditFailureKind.Gap, next, $"Entry {next} is missing.") : null;
    }

    private void Remember(ReadOnlySpan<byte> storedEntryHash)
    {
        if (previous.Length < storedEntryHash.Length)
        {
            previous = new byte[storedEntryHash.Length];
        }

        storedEntryHash.CopyTo(previous);
        previousLength = storedEntryHash.Length;
    }
}
