namespace Spona.Web.Platform.Audit;

// Database-level protection of the audit tables: triggers that refuse UPDATE and DELETE. The migrations call
// AppendOnlyTriggers (this file is compiled into both migrations projects as well, which cannot
// reference the web project), so a regenerated migration only has to call it again. No XML documentation comments
// here: the same member in three assemblies would collide in the OpenAPI generator's comment cache.
internal static class AuditSchema
{
    public const string EntriesTable = "AuditEntries";
    public const string CheckpointsTable = "AuditCheckpoints";

    // Entries written by requests and not yet linked into the chain (ADR 0017); the sealer deletes what it seals.
    public const string UnsealedTable = "AuditUnsealedEntries";

    // The operations' reasons, encrypted and erasable, outside the chain (ADR 0022).
    public const string OperationsTable = "AuditOperations";

    // The SQL that makes the audit tables append-only on the provider ("Sqlite" or "Postgres").
    public static string[] AppendOnlyTriggers(string provider) => provider switch
    {
        "Sqlite" =>
        [
            .. new[] { EntriesTable, CheckpointsTable }.SelectMany(table => new[]
            {
                $"CREATE TRIGGER IF NOT EXISTS \"{table}_no_update\" BEFORE UPDATE ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only.'); END;",
                $"CREATE TRIGGER IF NOT EXISTS \"{table}_no_delete\" BEFORE DELETE ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only.'); END;",
            }),
        ],
        "Postgres" =>
        [
            """
            CREATE OR REPLACE FUNCTION spona_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'The audit trail is append-only (% on %).', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
            END;
            $$;
            """,
            .. new[] { EntriesTable, CheckpointsTable }.Select(table =>
                $"CREATE TRIGGER \"{table}_append_only\" BEFORE UPDATE OR DELETE OR TRUNCATE ON \"{table}\" FOR EACH STATEMENT EXECUTE FUNCTION spona_audit_append_only();"),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    // The SQL that removes the triggers again (the migration's Down).
    public static string[] DropAppendOnlyTriggers(string provider) => provider switch
    {
        "Sqlite" =>
        [
            .. new[] { EntriesTable, CheckpointsTable }.SelectMany(table => new[]
            {
                $"DROP TRIGGER IF EXISTS \"{table}_no_update\";",
                $"DROP TRIGGER IF EXISTS \"{table}_no_delete\";",
            }),
        ],
        "Postgres" =>
        [
            .. new[] { EntriesTable, CheckpointsTable }.Select(table => $"DROP TRIGGER IF EXISTS \"{table}_append_only\" ON \"{table}\";"),
            "DROP FUNCTION IF EXISTS spona_audit_append_only();",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };
}
