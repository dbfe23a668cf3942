using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Spona.Web.Platform.Cli;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// <c>spona audit verify [--checkpoint FILE]</c> (exit 0 intact, 1 tampered, 2 bad usage, 3 intact but entries wait
/// longer than the bound to be sealed), <c>spona audit seal</c>, <c>spona audit checkpoint</c>,
/// <c>spona audit export-checkpoint [--output FILE]</c>, and the hidden, Development-only
/// <c>spona audit generate-synthetic --count N</c> for the verification benchmark.
/// </summary>
internal static class AuditCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var audit = new Command("audit", "Verify the tamper-evident audit trail and take checkpoints of it.");

        var checkpointFile = new Option<FileInfo?>("--checkpoint") { Description = "An exported checkpoint file (JSON lines): the first N entries must still have that root." };
        var verify = new Command("verify", "Recompute every entry's hash and link; check exported checkpoints; report unsealed entries. Exit 0 intact, 1 tampered, 2 bad usage, 3 sealing lags.") { checkpointFile };
        verify.SetAction((parse, ct) => SponaCli.WithServices(output, error, async services =>
        {
            IReadOnlyList<CheckpointClaim> claims = [];
            if (parse.GetValue(checkpointFile) is { } file)
            {
                if (!file.Exists)
                {
                    await error.WriteLineAsync($"The checkpoint file '{file.FullName}' does not exist.");
                    return 2;
                }

                try
                {
                    claims = AuditCheckpoints.ParseJsonLines(await File.ReadAllLinesAsync(file.FullName, ct));
                }
                catch (FormatException ex)
                {
                    await error.WriteLineAsync($"The checkpoint file '{file.FullName}' is not valid: {ex.Message}");
                    return 2;
                }
            }

            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var result = await services.GetRequiredService<AuditVerifier>().VerifyAsync(claims, ct);
            if (result.Failure is { } failure)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"TAMPERED: entry {failure.Sequence}: {failure.Kind}. {failure.Detail}"));
                return 1;
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Intact: {result.Count} entries, root {result.RootHash}, {result.CheckpointsChecked} checkpoint(s) matched, verified in {result.Elapsed.TotalSeconds:0.000} s."));
            var backlog = result.Unsealed!;
            await output.WriteLineAsync(backlog.Count == 0
                ? "Unsealed: 0 entries."
                : string.Create(CultureInfo.InvariantCulture, $"Unsealed: {backlog.Count} entries, the oldest {backlog.OldestAge!.Value.TotalSeconds:0} s old (bound {backlog.Bound.TotalSeconds:0} s)."));
            if (backlog.Exceeded)
            {
                await output.WriteLineAsync("LAGGING: entries wait longer than Audit:MaxUnsealedSeconds to be sealed; is the application (its sealer) running? 'spona audit seal' seals them now.");
                return 3;
            }

            return 0;
        }));
        audit.Subcommands.Add(verify);

        var seal = new Command("seal", "Link the entries written but not yet sealed into the hash chain now (the web application does this by itself).");
        seal.SetAction((_, ct) => SponaCli.WithServices(output, error, async services =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var count = await services.GetRequiredService<AuditSealer>().SealPendingAsync(ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Sealed {count} entries."));
            return 0;
        }));
        audit.Subcommands.Add(seal);

        var checkpoint = new Command("checkpoint", "Verify the trail, then store its current RFC 6962 root as a checkpoint and print it as a JSON line.");
        checkpoint.SetAction((_, ct) => SponaCli.WithServices(output, error, async services =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var (created, verification) = await services.GetRequiredService<AuditCheckpoints>().CreateAsync(ct);
            if (created is null)
            {
                await error.WriteLineAsync($"No checkpoint taken: the trail is broken at entry {verification.Failure!.Sequence} ({verification.Failure.Kind}).");
                return 1;
            }

            await output.WriteLineAsync(AuditCheckpoints.ToJsonLine(created));
            return 0;
        }));
        audit.Subcommands.Add(checkpoint);

        var outputFile = new Option<FileInfo?>("--output") { Description = "Write to this file instead of the standard output." };
        var export = new Command("export-checkpoint", "Export every stored checkpoint as JSON lines, to keep off this system.") { outputFile };
        export.SetAction((parse, ct) => SponaCli.WithServices(output, error, async services =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var lines = (await services.GetRequiredService<AuditCheckpoints>().ListAsync(ct)).Select(AuditCheckpoints.ToJsonLine).ToList();
            if (parse.GetValue(outputFile) is { } file)
            {
                await File.WriteAllLinesAsync(file.FullName, lines, ct);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{lines.Count} checkpoint(s) written to {file.FullName}."));
            }
            else
            {
                foreach (var line in lines)
                {
                    await output.WriteLineAsync(line);
                }
            }

            return 0;
        }));
        audit.Subcommands.Add(export);

        var count = new Option<int>("--count") { Description = "How many synthetic entries to append.", Required = true };
        var generate = new Command("generate-synthetic", "Development only: append N synthetic entries with a correct chain (benchmark).") { count };
        generate.Hidden = true;
        generate.SetAction((parse, ct) => SponaCli.WithServices(output, error, async services =>
        {
            if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment())
            {
                await error.WriteLineAsync("generate-synthetic runs only in the Development environment.");
                return 2;
            }

            var n = parse.GetValue(count);
            if (n < 1)
            {
                await error.WriteLineAsync("--count must be at least 1.");
                return 2;
            }

            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var stopwatch = Stopwatch.StartNew();
            await SyntheticAudit.AppendAsync(services.GetRequiredService<AppDbContext>(), services.GetRequiredService<TimeProvider>(), n, ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Appended {n} synthetic entries in {stopwatch.Elapsed.TotalSeconds:0.0} s."));
            return 0;
        }));
        audit.Subcommands.Add(generate);
        return audit;
    }
}

/// <summary>Bulk-appends synthetic entries with a correct chain, for benchmarks and tests only (no personal data).</summary>
internal static class SyntheticAudit
{
    private static readonly string[] ParameterNames = ["seq", "at", "actor", "action", "type", "key", "changes", "outcome", "prev", "hash"];

    public static async Task AppendAsync(AppDbContext db, TimeProvider clock, int count, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var written = 0;
            while (written < count)
            {
                var batch = Math.Min(20_000, count - written);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var (sequence, previous) = await AuditSaveChangesInterceptor.LockAndReadHeadAsync(db, cancellationToken);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction.GetDbTransaction();
                command.CommandText = $"""
                    INSERT INTO "{AuditSchema.EntriesTable}" ("Sequence", "OccurredAt", "ActorUserId", "ActorLabel", "InstitutionId", "Action", "EntityType", "EntityKey", "Changes", "Reason", "CorrelationId", "Outcome", "PreviousHash", "EntryHash")
                    VALUES (@seq, @at, NULL, @actor, NULL, @action, @type, @key, @changes, NULL, NULL, @outcome, @prev, @hash)
                    """;
                var parameters = ParameterNames.Select(name => Add(command, name)).ToArray();
                if (!db.Database.IsNpgsql())
                {
                    await command.PrepareAsync(cancellationToken);
                }

                var now = AuditHash.Normalize(clock.GetUtcNow().UtcDateTime);
                for (var i = 0; i < batch; i++)
                {
                    var entry = new AuditEntry
                    {
                        OccurredAt = now,
                        ActorLabel = "synthetic@example.test",
                        Action = AuditActions.EntityUpdated,
                        EntityType = "Synthetic",
                        EntityKey = (sequence + 1).ToString(CultureInfo.InvariantCulture),
                        Changes = """[{"field":"Name","old":"a","new":"b"},{"field":"Phone","personal":true}]""",
                        Outcome = AuditOutcome.Success,
                        PreviousHash = previous,
                        EntryHash = "",
                    };
                    AuditHash.Seal(entry, ++sequence, previous);
                    parameters[0].Value = entry.Sequence;
                    parameters[1].Value = db.Database.IsNpgsql() ? entry.OccurredAt : entry.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                    parameters[2].Value = entry.ActorLabel;
                    parameters[3].Value = entry.Action;
                    parameters[4].Value = entry.EntityType;
                    parameters[5].Value = entry.EntityKey;
                    parameters[6].Value = entry.Changes;
                    parameters[7].Value = entry.Outcome.ToString();
                    parameters[8].Value = entry.PreviousHash;
                    parameters[9].Value = entry.EntryHash;
                    await command.ExecuteNonQueryAsync(cancellationToken);
                    previous = entry.EntryHash;
                }

                await transaction.CommitAsync(cancellationToken);
                written += batch;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
