using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Protection;

/// <summary>How many stored values of one column use one key (<see cref="KeyId"/> null: not encrypted yet).</summary>
public sealed record KeyUsage(string Binding, string? KeyId, long Count);

/// <summary>Progress of a re-encryption: one report per batch.</summary>
public sealed record RotationProgress(string Binding, long Done, long Total);

/// <summary>
/// Re-encrypts every encrypted column with the active key, in batches of one transaction each. Resumable: a batch
/// selects only values that are not yet on the active key, so a second run continues where the first stopped, and
/// every value stays readable throughout (retired keys still decrypt). Works on raw column values, through the same
/// <see cref="FieldProtector"/> and bindings as the EF converters.
/// </summary>
public sealed class KeyRotation(AppDbContext db, FieldProtector protector, TimeProvider clock, Audit.IAuditTrail audit)
{
    /// <summary>The <see cref="SeedRecord"/> that says for which schema and columns the clear-value sweep last completed.</summary>
    public const string ClearValueSweepKey = "protection:clear-values";

    private const int PrefixLength = 16;

    public IReadOnlyList<EncryptedColumn> Columns => FieldProtectionModel.EncryptedColumns(db.Model);

    public async Task<IReadOnlyList<KeyUsage>> UsageAsync(CancellationToken cancellationToken)
    {
        var usage = new List<KeyUsage>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var column in Columns)
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = $"SELECT substr({Q(column.Column)}, 1, {PrefixLength.ToString(CultureInfo.InvariantCulture)}), COUNT(*) FROM {Q(column.Table)} WHERE {Q(column.Column)} IS NOT NULL GROUP BY substr({Q(column.Column)}, 1, {PrefixLength.ToString(CultureInfo.InvariantCulture)})";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var counts = new Dictionary<string, long>(StringComparer.Ordinal);
                var plain = 0L;
                while (await reader.ReadAsync(cancellationToken))
                {
                    var keyId = FieldProtector.KeyIdOf(reader.GetString(0) + "x");
                    var count = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                    if (keyId is null)
                    {
                        plain += count;
                    }
                    else
                    {
                        counts[keyId] = counts.GetValueOrDefault(keyId) + count;
                    }
                }

                usage.AddRange(counts.Select(c => new KeyUsage(column.Binding, c.Key, c.Value)));
                if (plain > 0)
                {
                    usage.Add(new KeyUsage(column.Binding, null, plain));
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return usage;
    }

    /// <summary>Re-encrypts up to <paramref name="maxBatches"/> batches (all when null); returns the values still not on the active key.</summary>
    public Task<long> ReEncryptAsync(int batchSize, int? maxBatches, Func<RotationProgress, Task> progress, CancellationToken cancellationToken) =>
        ProcessAsync(FieldProtector.PrefixFor(protector.Keys.ActiveKey.Id), PrefixLength, batchSize, maxBatches, progress, cancellationToken);

    /// <summary>
    /// Encrypts values stored in clear before their column was classified (an upgrade from an older version); values
    /// already encrypted, on any key, are left alone. Run by <c>spona migrate</c> always, and at start when the schema or
    /// the encrypted columns changed (<see cref="EncryptClearValuesIfSchemaChangedAsync"/>); returns how many clear
    /// values are left (0 unless cancelled). A completed sweep is recorded for the current schema and columns.
    /// </summary>
    public async Task<long> EncryptClearValuesAsync(CancellationToken cancellationToken)
    {
        var remaining = await ProcessAsync(FieldProtector.Prefix, FieldProtector.Prefix.Length, 500, null, _ => Task.CompletedTask, cancellationToken);
        if (remaining == 0)
        {
            await RecordSweepAsync(cancellationToken);
        }

        return remaining;
    }

    /// <summary>
    /// The start-up form of <see cref="EncryptClearValuesAsync"/>. Clear values appear only when an older version wrote
    /// a column that this version encrypts, which always comes with a new migration or a new set of encrypted columns;
    /// so once a sweep completed for the current schema (last migration) and columns, later starts read one row instead
    /// of scanning every encrypted column (a cost that grows with the data). Returns whether it swept.
    /// </summary>
    public async Task<bool> EncryptClearValuesIfSchemaChangedAsync(CancellationToken cancellationToken)
    {
        var fingerprint = SweepFingerprint();
        if (await db.SeedRecords.AsNoTracking().AnyAsync(r => r.Key == ClearValueSweepKey && r.ContentHash == fingerprint, cancellationToken))
        {
            return false;
        }

        await EncryptClearValuesAsync(cancellationToken);
        return true;
    }

    /// <summary>What a completed sweep is valid for: the last migration and every encrypted column with its binding.</summary>
    private string SweepFingerprint()
    {
        var text = new System.Text.StringBuilder("migration ").Append(db.Database.GetMigrations().LastOrDefault() ?? "").Append('\n');
        foreach (var column in Columns)
        {
            text.Append(column.Table).Append('.').Append(column.Column).Append(' ').Append(column.Binding).Append('\n');
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    private async Task RecordSweepAsync(CancellationToken cancellationToken)
    {
        var fingerprint = SweepFingerprint();
        var record = await db.SeedRecords.FirstOrDefaultAsync(r => r.Key == ClearValueSweepKey, cancellationToken);
        if (record is null)
        {
            db.SeedRecords.Add(new SeedRecord { Key = ClearValueSweepKey, ContentHash = fingerprint, AppliedAt = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            record.ContentHash = fingerprint;
            record.AppliedAt = clock.GetUtcNow().UtcDateTime;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance recorded the same sweep at the same moment; the record is there either way.
            db.ChangeTracker.Clear();
        }
    }

    private async Task<long> ProcessAsync(string prefix, int prefixLength, int batchSize, int? maxBatches, Func<RotationProgress, Task> progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentNullException.ThrowIfNull(progress);
        var batches = 0;
        foreach (var column in Columns)
        {
            var total = await CountPendingAsync(column, prefix, prefixLength, cancellationToken);
            var done = 0L;
            while (done < total && (maxBatches is null || batches < maxBatches))
            {
                var changed = await ReEncryptBatchAsync(column, prefix, prefixLength, batchSize, cancellationToken);
                batches++;
                if (changed == 0)
                {
                    break;
                }

                done += changed;
                await progress(new RotationProgress(column.Binding, Math.Min(done, total), total));
            }
        }

        var remaining = 0L;
        foreach (var column in Columns)
        {
            remaining += await CountPendingAsync(column, prefix, prefixLength, cancellationToken);
        }

        return remaining;
    }

    // Through EF's command pipeline (not a bare DbCommand), so its logging and interceptors see the scan. The table and
    // column names come from the model and are quoted; the prefix is a parameter.
    private Task<long> CountPendingAsync(EncryptedColumn column, string prefix, int prefixLength, CancellationToken cancellationToken)
    {
        var sql = $"SELECT COUNT(*) AS \"Value\" FROM {Q(column.Table)} WHERE {Q(column.Column)} IS NOT NULL AND substr({Q(column.Column)}, 1, {prefixLength.ToString(CultureInfo.InvariantCulture)}) <> {{0}}";
        return db.Database.SqlQueryRaw<long>(sql, prefix).SingleAsync(cancellationToken);
    }

    private async Task<int> ReEncryptBatchAsync(EncryptedColumn column, string prefix, int prefixLength, int batchSize, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var rows = new List<(object[] Key, string Value)>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction.GetDbTransaction();
            select.CommandText = $"SELECT {string.Join(", ", column.KeyColumns.Select(Q))}, {Q(column.Column)} FROM {Q(column.Table)} WHERE {Q(column.Column)} IS NOT NULL AND substr({Q(column.Column)}, 1, {prefixLength.ToString(CultureInfo.InvariantCulture)}) <> @prefix LIMIT {batchSize.ToString(CultureInfo.InvariantCulture)}";
            Add(select, "@prefix", prefix);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = new object[column.KeyColumns.Count];
                for (var i = 0; i < key.Length; i++)
                {
                    key[i] = reader.GetValue(i);
                }

                rows.Add((key, reader.GetString(column.KeyColumns.Count)));
            }
        }

        var changed = 0;
        foreach (var (key, value) in rows)
        {
            // A value that was never encrypted (data from before this column was classified) is encrypted now.
            var plaintext = FieldProtector.KeyIdOf(value) is null ? value : protector.Decrypt(column.Binding, value);
            await using var update = connection.CreateCommand();
            update.Transaction = transaction.GetDbTransaction();
            var conditions = column.KeyColumns.Select((c, i) => $"{Q(c)} = @k{i.ToString(CultureInfo.InvariantCulture)}");
            update.CommandText = $"UPDATE {Q(column.Table)} SET {Q(column.Column)} = @new WHERE {string.Join(" AND ", conditions)} AND {Q(column.Column)} = @old";
            Add(update, "@new", protector.Encrypt(column.Binding, plaintext));
            Add(update, "@old", value);
            for (var i = 0; i < key.Length; i++)
            {
                Add(update, "@k" + i.ToString(CultureInfo.InvariantCulture), key[i]);
            }

            // Compare-and-set: a value the application changed meanwhile is left alone (it is on the active key already).
            changed += await update.ExecuteNonQueryAsync(cancellationToken);
        }

        if (changed > 0)
        {
            // One audit entry per batch, in the batch's transaction: which column, how many values, under which key.
            audit.Add(new Audit.AuditEvent("keys.re-encrypted", column.Table, column.Column,
                Changes: System.Text.Json.JsonSerializer.Serialize(new object[]
                {
                    new { field = "Values", @new = changed.ToString(CultureInfo.InvariantCulture) },
                    new { field = "KeyPrefix", @new = prefix },
                })));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Q(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
