using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Audit;

/// <summary>What an attacker with the database owner's rights can do to the audit table, with plain SQL.</summary>
internal static class AuditDatabase
{
    public static DbConnection Open(TestDatabase database)
    {
        DbConnection connection = database.IsPostgres ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }

    public static async Task<int> ExecuteAsync(TestDatabase database, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = Open(database);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Switches the append-only triggers off, as the owner of the database could.</summary>
    public static Task DisableTriggersAsync(TestDatabase database) => database.IsPostgres
        ? ExecuteAsync(database, """ALTER TABLE "AuditEntries" DISABLE TRIGGER ALL""")
        : ExecuteAsync(database, """DROP TRIGGER "AuditEntries_no_update"; DROP TRIGGER "AuditEntries_no_delete";""");

    public static async Task<List<AuditEntry>> EntriesAsync(SponaFactory factory)
    {
        await factory.SealAuditAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    /// <summary>Overwrites a row's content and hashes with those of <paramref name="entry"/>.</summary>
    public static Task<int> OverwriteAsync(TestDatabase database, long sequence, AuditEntry entry) => ExecuteAsync(database,
        """UPDATE "AuditEntries" SET "Action" = @action, "EntityType" = @type, "EntityKey" = @key, "Changes" = @changes, "Reason" = @reason, "PreviousHash" = @prev, "EntryHash" = @hash WHERE "Sequence" = @seq""",
        ("@action", entry.Action), ("@type", entry.EntityType), ("@key", entry.EntityKey), ("@changes", entry.Changes), ("@reason", entry.Reason),
        ("@prev", entry.PreviousHash), ("@hash", entry.EntryHash), ("@seq", sequence));

    public static async Task<AuditVerification> VerifyAsync(SponaFactory factory, IReadOnlyList<CheckpointClaim>? checkpoints = null)
    {
        await factory.SealAuditAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(checkpoints, CancellationToken.None);
    }
}
