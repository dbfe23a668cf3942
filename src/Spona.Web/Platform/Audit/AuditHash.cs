using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
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

    /// <summary>Truncates to whole microseconds (PostgreSQL's precision), in UTC.</summary>
    public static DateTime Normalize(DateTime instant)
    {
        var utc = instant.Kind == DateTimeKind.Utc ? instant : DateTime.SpecifyKind(instant, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }

    public static string Compute(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(buffer, Domain);
        Write(buffer, entry.Sequence);
        Write(buffer, (Normalize(entry.OccurredAt).Ticks - DateTime.UnixEpoch.Ticks) / 10);
        Write(buffer, entry.ActorUserId?.ToString("D", CultureInfo.InvariantCulture));
        Write(buffer, entry.ActorLabel);
        Write(buffer, entry.InstitutionId?.ToString("D", CultureInfo.InvariantCulture));
        Write(buffer, entry.Action);
        Write(buffer, entry.EntityType);
        Write(buffer, entry.EntityKey);
        Write(buffer, entry.Changes);
        Write(buffer, entry.Reason);
        Write(buffer, entry.CorrelationId);
        Write(buffer, entry.Outcome.ToString());
        Write(buffer, entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
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

    private static void Write(ArrayBufferWriter<byte> buffer, long value)
    {
        var span = buffer.GetSpan(9);
        span[0] = 1;
        BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
        buffer.Advance(9);
    }

    private static void Write(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            buffer.GetSpan(1)[0] = 0;
            buffer.Advance(1);
            return;
        }

        Write(buffer, Encoding.UTF8.GetBytes(value));
    }

    private static void Write(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        var span = buffer.GetSpan(5 + bytes.Length);
        span[0] = 1;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], bytes.Length);
        bytes.CopyTo(span[5..]);
        buffer.Advance(5 + bytes.Length);
    }
}
