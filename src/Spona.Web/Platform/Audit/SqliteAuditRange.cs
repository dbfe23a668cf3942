using Microsoft.Data.Sqlite;
using Spona.Web.Platform.Persistence;
using SQLitePCL;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// Reads a range of the trail from SQLite through the connection's own statement API, hashing each text column's
/// stored UTF-8 bytes in place: no string is decoded and re-encoded per field (decoding, null checks and re-encoding
/// were about half of a verification's time through the data reader). Values are interpreted exactly as
/// Microsoft.Data.Sqlite's reader does: GUIDs stored as text or as 16-byte blobs, instants stored as text (or as a
/// Julian day number).
/// </summary>
internal static class SqliteAuditRange
{
    private const int Sequence = 0, OccurredAt = 1, ActorUserId = 2, ActorLabel = 3, InstitutionId = 4, Action = 5, EntityType = 6, EntityKey = 7,
        Changes = 8, Reason = 9, CorrelationId = 10, Outcome = 11, PreviousHash = 12, EntryHash = 13, OperationId = 14, OperationType = 15;

    public static AuditFailure? Verify(SqliteConnection connection, RangeCheck check, CancellationToken cancellationToken)
    {
        Check(connection, raw.sqlite3_prepare_v2(connection.Handle, RangeCheck.Sql.Replace("@from", "?1", StringComparison.Ordinal).Replace("@to", "?2", StringComparison.Ordinal), out var statement));
        using (statement)
        {
            Check(connection, raw.sqlite3_bind_int64(statement, 1, check.From - 1));
            Check(connection, raw.sqlite3_bind_int64(statement, 2, check.To));
            byte[]? buffer = null;
            Span<byte> hash = stackalloc byte[32];
            if (check.From > 1)
            {
                if (Step(connection, statement) is false)
                {
                    return check.PrecedingMissing();
                }

                if (check.Preceding(raw.sqlite3_column_int64(statement, Sequence), raw.sqlite3_column_blob(statement, EntryHash)) is { } failure)
                {
                    return failure;
                }
            }

            var rows = 0;
            while (Step(connection, statement))
            {
                if ((++rows & 0x3FFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var sequence = raw.sqlite3_column_int64(statement, Sequence);
                var operationId = Guid(statement, OperationId);
                var v2 = operationId is not null || !IsNull(statement, OperationType);
                var previousHash = raw.sqlite3_column_blob(statement, PreviousHash);
                var writer = new AuditHash.Writer(ref buffer, v2);
                writer.Long(sequence);
                writer.Instant(Instant(statement, OccurredAt));
                writer.Guid(Guid(statement, ActorUserId));
                Required(ref writer, statement, ActorLabel);
                writer.Guid(Guid(statement, InstitutionId));
                Required(ref writer, statement, Action);
                Required(ref writer, statement, EntityType);
                Required(ref writer, statement, EntityKey);
                Text(ref writer, statement, Changes);
                Text(ref writer, statement, Reason);
                Text(ref writer, statement, CorrelationId);
                Required(ref writer, statement, Outcome);
                if (v2)
                {
                    writer.Guid(operationId);
                    Text(ref writer, statement, OperationType);
                }

                writer.Utf8(previousHash);
                writer.Hash(hash);
                if (check.Entry(sequence, hash, raw.sqlite3_column_blob(statement, EntryHash), previousHash) is { } failure)
                {
                    return failure;
                }
            }

            return check.End();
        }
    }

    private static bool Step(SqliteConnection connection, sqlite3_stmt statement)
    {
        var result = raw.sqlite3_step(statement);
        if (result == raw.SQLITE_ROW)
        {
            return true;
        }

        if (result == raw.SQLITE_DONE)
        {
            return false;
        }

        Check(connection, result);
        return false;
    }

    private static void Check(SqliteConnection connection, int result)
    {
        if (result != raw.SQLITE_OK && result != raw.SQLITE_ROW && result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, connection.Handle);
        }
    }

    private static bool IsNull(sqlite3_stmt statement, int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    /// <summary>
    /// A column the schema declares NOT NULL (so its type is not asked, one native call fewer per field): its stored
    /// bytes, hashed as present. A NULL forced into it (which takes changing the schema) reads as empty text: it fails
    /// the hash of every entry sealed with a value there, and only an entry sealed with empty text reads alike.
    /// </summary>
    private static void Required(ref AuditHash.Writer writer, sqlite3_stmt statement, int column) => writer.Utf8(raw.sqlite3_column_blob(statement, column));

    /// <summary>A nullable text column's stored bytes (a NULL is written as absent).</summary>
    private static void Text(ref AuditHash.Writer writer, sqlite3_stmt statement, int column)
    {
        if (IsNull(statement, column))
        {
            writer.Null();
            return;
        }

        writer.Utf8(raw.sqlite3_column_blob(statement, column));
    }

    private static Guid? Guid(sqlite3_stmt statement, int column)
    {
        switch (raw.sqlite3_column_type(statement, column))
        {
            case raw.SQLITE_NULL:
                return null;
            case raw.SQLITE_BLOB when raw.sqlite3_column_bytes(statement, column) == 16:
                return new Guid(raw.sqlite3_column_blob(statement, column));
            default:
                return SqliteStoredValues.Guid(raw.sqlite3_column_blob(statement, column));
        }
    }

    /// <summary>
    /// The stored instant: EF Core's text form "yyyy-MM-dd HH:mm:ss[.fffffff]" parsed directly; any other text as
    /// the reader parses it, and a number as a Julian day.
    /// </summary>
    private static DateTime Instant(sqlite3_stmt statement, int column)
    {
        if (raw.sqlite3_column_type(statement, column) != raw.SQLITE_TEXT)
        {
            return new DateTime((long)((raw.sqlite3_column_double(statement, column) - 1721425.5) * TimeSpan.TicksPerDay));
        }

        return SqliteStoredValues.Instant(raw.sqlite3_column_blob(statement, column));
    }
}
