using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// Appends entries to the hash chain directly, in one transaction that holds the chain lock (ADR 0017, amendment
/// 2026-12-03): the group commit's entries (reads, refusals, token uses) are sealed as they are written, instead of
/// being written unsealed, read back, written again sealed and deleted by the sealer. On SQLite that was three writes
/// of every read entry, and two change-tracked SaveChanges; now it is one multi-row INSERT per group.
/// The statement is built from the EF model (table, column names and each column's type mapping with its value
/// converter), so that it stores exactly what a SaveChanges of the same <see cref="AuditEntry"/> would store, on both
/// databases; a test compares the two.
/// </summary>
internal static class AuditChainAppender
{
    /// <summary>Rows per INSERT: 15 columns each, far below SQLite's and PostgreSQL's parameter limits.</summary>
    internal const int RowsPerStatement = 64;

    /// <summary>
    /// Takes the chain lock, reads the head and whether change entries wait unsealed, in <paramref name="transaction"/>
    /// and in one round trip: on PostgreSQL the advisory lock of the chain (the one the sealer takes); on SQLite the
    /// transaction's own write lock (BEGIN IMMEDIATE).
    /// </summary>
    public static (long Sequence, string Hash, bool Waiting) LockAndReadHead(DbContext db, DbTransaction transaction)
    {
        var shape = Shape.Of(db);
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = shape.HeadSql;
        using var reader = command.ExecuteReader();
        if (db.Database.IsNpgsql())
        {
            // The first result is the lock's (void); the head follows.
            reader.NextResult();
        }

        var (sequence, hash) = reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditHash.Genesis);
        reader.NextResult();
        reader.Read();
        return (sequence, hash, Convert.ToBoolean(reader.GetValue(0), CultureInfo.InvariantCulture));
    }

    /// <summary>Inserts entries that <see cref="AuditHash.Seal"/> has sealed, in order, in <paramref name="transaction"/>.</summary>
    public static void Insert(DbContext db, DbTransaction transaction, IReadOnlyList<AuditEntry> entries)
    {
        var shape = Shape.Of(db);
        for (var start = 0; start < entries.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, entries.Count - start);
            using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = shape.InsertSql(count);
            for (var row = 0; row < count; row++)
            {
                var entry = entries[start + row];
                for (var column = 0; column < shape.Columns.Count; column++)
                {
                    var (property, mapping) = shape.Columns[column];
                    command.Parameters.Add(mapping.CreateParameter(
                        command, string.Create(CultureInfo.InvariantCulture, $"@p{row}_{column}"), property.GetGetter().GetClrValue(entry), property.IsNullable));
                }
            }

            command.ExecuteNonQuery();
        }
    }

    private sealed class Shape
    {
        private static readonly ConditionalWeakTable<IModel, Shape> Shapes = [];
        private readonly string insertPrefix;
        private readonly string[] insertSql = new string[RowsPerStatement + 1];

        private Shape(DbContext db)
        {
            var entityType = db.Model.FindEntityType(typeof(AuditEntry))!;
            var sql = db.GetService<ISqlGenerationHelper>();
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
            Columns = [.. entityType.GetProperties().Select(p => (p, p.GetRelationalTypeMapping()))];
            insertPrefix = $"INSERT INTO {tableName} ({string.Join(", ", Columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) VALUES ";
            string Column(string name) => sql.DelimitIdentifier(entityType.FindProperty(name)!.GetColumnName(table)!);
            var unsealed = db.Model.FindEntityType(typeof(UnsealedAuditEntry))!;
            var head = $"SELECT {Column(nameof(AuditEntry.Sequence))}, {Column(nameof(AuditEntry.EntryHash))} FROM {tableName} ORDER BY {Column(nameof(AuditEntry.Sequence))} DESC LIMIT 1; "
                + $"SELECT EXISTS (SELECT 1 FROM {sql.DelimitIdentifier(unsealed.GetTableName()!, unsealed.GetSchema())})";
            HeadSql = db.Database.IsNpgsql()
                ? string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({AuditSaveChangesInterceptor.ChainLockKey}); {head}")
                : head;
        }

        public IReadOnlyList<(IProperty Property, RelationalTypeMapping Mapping)> Columns { get; }

        public string HeadSql { get; }

        public static Shape Of(DbContext db) => Shapes.GetValue(db.Model, _ => new Shape(db));

        public string InsertSql(int rows) => insertSql[rows] ??= Build(rows);

        private string Build(int rows)
        {
            var text = new StringBuilder(insertPrefix);
            for (var row = 0; row < rows; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < Columns.Count; column++)
                {
                    text.Append(column == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"@p{row}_{column}");
                }

                text.Append(')');
            }

            return text.ToString();
        }
    }
}
