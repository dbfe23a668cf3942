using System.Buffers.Binary;
using System.Text;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// The hash of an audit entry: SHA-256 over an unambiguous encoding of every content field and the previous hash.
/// Each field is written as a presence byte (0 = null, 1 = value), then for text a 4-byte big-endian length and the
/// UTF-8 bytes; numbers are 8-byte big-endian. No two different entries encode to the same bytes.
/// </summary>
public static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly byte[] Domain = "spona.audit.v1"u8.ToArray();

    // v2 (ADR 0022): v1's fields, then the operation id and type. An entry with an operation is hashed as v2, one
    // without (written before operations existed) as v1; removing or adding an operation id changes the format and so
    // the hash, so neither can be done unnoticed.
    private static readonly byte[] DomainV2 = "spona.audit.v2"u8.ToArray();

    /// <summary>Truncates to whole microseconds (PostgreSQL's precision), in UTC.</summary>
    public static DateTime Normalize(DateTime instant)
    {
        var utc = instant.Kind == DateTimeKind.Utc ? instant : DateTime.SpecifyKind(instant, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }

    public static string Compute(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        byte[]? buffer = null;
        Span<byte> hash = stackalloc byte[32];
        Compute(ref buffer, entry.Sequence, entry.OccurredAt, entry.ActorUserId, entry.ActorLabel, entry.InstitutionId, entry.Action,
            entry.EntityType, entry.EntityKey, entry.Changes, entry.Reason, entry.CorrelationId, entry.Outcome.ToString(), entry.OperationId, entry.OperationType,
            entry.PreviousHash, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The hash of one entry's fields into <paramref name="hash"/> (32 bytes), encoding into <paramref name="buffer"/>
    /// (grown when too small, reused across calls): no allocation per entry once the buffer is large enough.
    /// </summary>
    internal static void Compute(
        ref byte[]? buffer, long sequence, DateTime occurredAt, Guid? actorUserId, string actorLabel, Guid? institutionId, string action,
        string entityType, string entityKey, string? changes, string? reason, string? correlationId, string outcome, Guid? operationId, string? operationType,
        string previousHash, Span<byte> hash)
    {
        var writer = new Writer(ref buffer, operationId is not null || operationType is not null);
        writer.Long(sequence);
        writer.Instant(occurredAt);
        writer.Guid(actorUserId);
        writer.Text(actorLabel);
        writer.Guid(institutionId);
        writer.Text(action);
        writer.Text(entityType);
        writer.Text(entityKey);
        writer.Text(changes);
        writer.Text(reason);
        writer.Text(correlationId);
        writer.Text(outcome);
        if (writer.IsV2)
        {
            writer.Guid(operationId);
            writer.Text(operationType);
        }

        writer.Text(previousHash);
        writer.Hash(hash);
    }

    /// <summary>
    /// Writes the fields of one entry into a reused buffer (grown when a field does not fit), each as a presence byte
    /// (0 = null, 1 = value), then for text a 4-byte big-endian length and the UTF-8 bytes, numbers as 8 big-endian
    /// bytes, GUIDs as their 36-character "D" text. Text comes either as a string or as its UTF-8 bytes (the trail's
    /// verifier hashes the stored bytes without decoding them). The caller writes the fields in the order of
    /// <c>Compute</c>, the one place that order is defined for strings; the SQLite verifier repeats it, and the tests
    /// that seal through <c>Compute</c> and verify on SQLite fail if the two ever disagree.
    /// </summary>
    internal ref struct Writer
    {
        private ref byte[]? buffer;
        private int at;

        public Writer(ref byte[]? buffer, bool v2)
        {
            this.buffer = ref buffer;
            IsV2 = v2;
            Utf8(v2 ? DomainV2 : Domain);
        }

        public bool IsV2 { get; }

        public void Long(long value)
        {
            var span = Room(9);
            span[0] = 1;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            at += 9;
        }

        public void Instant(DateTime value) => Long((Normalize(value).Ticks - DateTime.UnixEpoch.Ticks) / 10);

        public void Guid(Guid? value)
        {
            if (value is not { } guid)
            {
                Null();
                return;
            }

            // The "D" text form (36 ASCII characters), as the encoding has always used.
            var span = Room(5 + 36);
            span[0] = 1;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], 36);
            guid.TryFormat(span.Slice(5, 36), out _, "D");
            at += 5 + 36;
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                Null();
                return;
            }

            var span = Room(5 + Encoding.UTF8.GetMaxByteCount(value.Length));
            var length = Encoding.UTF8.GetBytes(value, span[5..]);
            span[0] = 1;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
            at += 5 + length;
        }

        public void Utf8(ReadOnlySpan<byte> value)
        {
            var span = Room(5 + value.Length);
            span[0] = 1;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], value.Length);
            value.CopyTo(span[5..]);
            at += 5 + value.Length;
        }

        public void Null()
        {
            Room(1)[0] = 0;
            at++;
        }

        public readonly void Hash(Span<byte> hash) => Sha256Scratch.HashData(buffer.AsSpan(0, at), hash);

        private Span<byte> Room(int bytes)
        {
            if (buffer is null || buffer.Length - at < bytes)
            {
                var grown = new byte[Math.Max(1024, Math.Max(at + bytes, (buffer?.Length ?? 0) * 2))];
                buffer?.AsSpan(0, at).CopyTo(grown);
                buffer = grown;
            }

            return buffer.AsSpan(at);
        }
    }

    /// <summary>Sets sequence, previous hash and entry hash: the entry becomes the next link of the chain.</summary>
    public static void Seal(AuditEntry entry, long sequence, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.Sequence = sequence;
        entry.OccurredAt = Normalize(entry.OccurredAt);
        entry.PreviousHash = previousHash;
        entry.EntryHash = Compute(entry);
    }

    /// <summary>The Merkle leaf data of an entry: the 32 bytes of its hash.</summary>
    public static byte[] LeafData(string entryHash) => Convert.FromHexString(entryHash);
}
