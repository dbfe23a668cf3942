using System.Buffers.Binary;
using System.Security.Cryptography;
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
        var capacity = DomainV2.Length + 250 + MaxBytes(operationType) + MaxBytes(actorLabel) + MaxBytes(action) + MaxBytes(entityType) + MaxBytes(entityKey)
            + MaxBytes(changes) + MaxBytes(reason) + MaxBytes(correlationId) + MaxBytes(outcome) + MaxBytes(previousHash);
        if (buffer is null || buffer.Length < capacity)
        {
            buffer = new byte[Math.Max(capacity, 1024)];
        }

        var span = buffer.AsSpan();
        var at = 0;
        var v2 = operationId is not null || operationType is not null;
        WriteBytes(span, ref at, v2 ? DomainV2 : Domain);
        WriteLong(span, ref at, sequence);
        WriteLong(span, ref at, (Normalize(occurredAt).Ticks - DateTime.UnixEpoch.Ticks) / 10);
        WriteGuid(span, ref at, actorUserId);
        WriteText(span, ref at, actorLabel);
        WriteGuid(span, ref at, institutionId);
        WriteText(span, ref at, action);
        WriteText(span, ref at, entityType);
        WriteText(span, ref at, entityKey);
        WriteText(span, ref at, changes);
        WriteText(span, ref at, reason);
        WriteText(span, ref at, correlationId);
        WriteText(span, ref at, outcome);
        if (v2)
        {
            WriteGuid(span, ref at, operationId);
            WriteText(span, ref at, operationType);
        }

        WriteText(span, ref at, previousHash);
        SHA256.HashData(span[..at], hash);
    }

    private static int MaxBytes(string? value) => value is null ? 1 : 5 + Encoding.UTF8.GetMaxByteCount(value.Length);

    private static void WriteLong(Span<byte> span, ref int at, long value)
    {
        span[at] = 1;
        BinaryPrimitives.WriteInt64BigEndian(span[(at + 1)..], value);
        at += 9;
    }

    private static void WriteGuid(Span<byte> span, ref int at, Guid? value)
    {
        if (value is not { } guid)
        {
            span[at++] = 0;
            return;
        }

        // The "D" text form (36 ASCII characters), as the encoding has always used.
        span[at] = 1;
        BinaryPrimitives.WriteInt32BigEndian(span[(at + 1)..], 36);
        guid.TryFormat(span.Slice(at + 5, 36), out _, "D");
        at += 5 + 36;
    }

    private static void WriteText(Span<byte> span, ref int at, string? value)
    {
        if (value is null)
        {
            span[at++] = 0;
            return;
        }

        var length = Encoding.UTF8.GetBytes(value, span[(at + 5)..]);
        span[at] = 1;
        BinaryPrimitives.WriteInt32BigEndian(span[(at + 1)..], length);
        at += 5 + length;
    }

    private static void WriteBytes(Span<byte> span, ref int at, ReadOnlySpan<byte> bytes)
    {
        span[at] = 1;
        BinaryPrimitives.WriteInt32BigEndian(span[(at + 1)..], bytes.Length);
        bytes.CopyTo(span[(at + 5)..]);
        at += 5 + bytes.Length;
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
