using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Spona.Web.Platform.Configuration;
using Spona.Web.Platform.Persistence;
using SQLitePCL;

namespace Spona.Web.Platform.Identity;

/// <summary>What the database says about a presented token, read fresh on every request.</summary>
internal sealed record ApiTokenRow(
    Guid Id, Guid UserId, string SecretHash, string Permissions, DateTime ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt, ApiTokenOwner? Owner, IReadOnlyList<string> Roles);

/// <summary>The token owner's state at the moment of the request.</summary>
internal sealed record ApiTokenOwner(Guid Id, string? UserName, string? Email, bool IsDisabled, Guid InstitutionId, Guid? JurisdictionId);

/// <summary>
/// Reads a token, its owner's state and roles in one prepared statement, on every API request (ADR 0025). Nothing
/// is cached: a revoked token, a disabled owner or a changed role takes effect on the next request, on every
/// instance (S3: zero seconds). What it saves is the cost around the query: no database context per request, no LINQ
/// pipeline, and no statement compiled again each time. On SQLite a few read-only connections stay open, each with
/// the statement prepared once; on PostgreSQL the statement is prepared once per pooled connection (Npgsql keeps it),
/// and checks that arrive while queries are on their way share the next query (amendment of 2026-12-04).
/// A revoked token's row changes in a committed transaction; each lookup's read starts after the request arrived, so
/// it sees that commit.
/// None of the columns read is encrypted (user name and e-mail are not, ADR 0010).
/// </summary>
internal sealed class ApiTokenLookup : IDisposable, IAsyncDisposable
{
    // One row per role (none: one row with a NULL role); the token and owner columns repeat.
    private const string Select = """
        SELECT t."UserId", t."SecretHash", t."Permissions", t."ExpiresAt", t."RevokedAt", t."LastUsedAt",
               u."Id", u."UserName", u."Email", u."IsDisabled", u."InstitutionId", u."JurisdictionId", r."Name", t."Id"
        FROM "ApiTokens" t
        LEFT JOIN "AspNetUsers" u ON u."Id" = t."UserId"
        LEFT JOIN "AspNetUserRoles" ur ON ur."UserId" = t."UserId"
        LEFT JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
        """;

    private const string SqliteSql = Select + """ WHERE t."Id" = ?1""";

    // The tokens of every check that arrived while the previous query was on its way (see FindAsync).
    private const string PostgresSql = Select + """ WHERE t."Id" = ANY(@ids)""";

    // Queries in flight at once on PostgreSQL; a check arriving while they run waits for the next one. One measured
    // 14,837 and 14,907 req/s, two 14,876 and 13,199 (bench/results-2026-12-04.txt): one query at a time, bigger ones.
    private const int PostgresQueriesInFlight = 1;

    private readonly SponaSettings settings;
    // A queue, not a bag: a request's continuation often runs on another thread than the one that returned the
    // connection, and taking from another thread's part of a bag takes a lock.
    private readonly ConcurrentQueue<SqliteLease> sqlite = new();
    // Connections kept open when idle; more are opened under a burst and closed when returned beyond this.
    private readonly int maxIdle = Math.Max(16, Environment.ProcessorCount * 4);
    private readonly NpgsqlDataSource? postgres;
    private readonly Lock gate = new();
    private PostgresQuery? next;
    private int inFlight;
    private bool disposed;

    public ApiTokenLookup(SponaSettings settings)
    {
        this.settings = settings;
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            // The statement is prepared once per connection, but with its array parameter PostgreSQL would still plan
            // it again at every execution (a custom plan: 18 relation-size checks and a four-table join planned,
            // about 120 us of the server's CPU per query, measured 2026-12-04). The plan cannot depend on the ids:
            // every lookup is by primary key, so the one generic plan is always the right one.
            var connection = new NpgsqlConnectionStringBuilder(PersistenceSetup.PostgresConnectionString(settings.ConnectionString));
            connection.Options = $"{connection.Options} -c plan_cache_mode=force_generic_plan".Trim();
            postgres = NpgsqlDataSource.Create(connection.ConnectionString);
        }
    }

    public async Task<ApiTokenRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (postgres is not null)
        {
            // Checks that arrive together share one query. A check joins the query that has not been sent yet, never
            // one already on its way, so its answer is read after it arrived: a revocation committed before the
            // request is seen, exactly as with a query of its own (S3). Under load this saves a round trip per
            // request; alone, a check is sent at once.
            PostgresQuery query;
            bool send;
            lock (gate)
            {
                query = next ??= new PostgresQuery();
                query.Ids.Add(id);
                send = inFlight < PostgresQueriesInFlight;
                if (send)
                {
                    inFlight++;
                    next = null;
                }
            }

            if (send)
            {
                _ = SendAsync(postgres, query);
            }

            var rows = await query.Rows.Task.WaitAsync(cancellationToken);
            return rows.GetValueOrDefault(id)?.Row;
        }

        var lease = sqlite.TryDequeue(out var idle) ? idle : SqliteLease.Open(settings.ConnectionString);
        var healthy = false;
        try
        {
            var row = lease.Find(id);
            healthy = true;
            return row;
        }
        finally
        {
            if (healthy && !Volatile.Read(ref disposed) && sqlite.Count < maxIdle)
            {
                sqlite.Enqueue(lease);
                // Disposed meanwhile, after its drain: this lease would otherwise wait for the finaliser.
                if (Volatile.Read(ref disposed))
                {
                    DrainSqlite();
                }
            }
            else
            {
                lease.Dispose();
            }
        }
    }

    /// <summary>Sends a query, then the one that gathered meanwhile, until none waits.</summary>
    private async Task SendAsync(NpgsqlDataSource source, PostgresQuery query)
    {
        while (true)
        {
            try
            {
                query.Rows.TrySetResult(await QueryAsync(source, query.Ids));
            }
            catch (Exception exception)
            {
                // Every check of the query fails as its own query would have (the database is down, say).
                query.Rows.TrySetException(exception);
            }

            lock (gate)
            {
                if (next is null)
                {
                    inFlight--;
                    return;
                }

                query = next;
                next = null;
            }
        }
    }

    private static async Task<Dictionary<Guid, RowBuilder>> QueryAsync(NpgsqlDataSource source, HashSet<Guid> ids)
    {
        // Not cancelled by one request: the others that share the query wait for it.
        await using var connection = await source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(PostgresSql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. ids]));
        await command.PrepareAsync();
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<Guid, RowBuilder>();
        var columns = new ReaderColumns(reader);
        while (await reader.ReadAsync())
        {
            var id = reader.GetGuid(TokenId);
            if (!rows.TryGetValue(id, out var builder))
            {
                rows.Add(id, builder = new RowBuilder(id));
            }

            builder.Add(ref columns);
        }

        return rows;
    }

    /// <summary>The checks waiting for one PostgreSQL query: their token ids, and the rows found, by token.</summary>
    private sealed class PostgresQuery
    {
        public HashSet<Guid> Ids { get; } = [];

        public TaskCompletionSource<Dictionary<Guid, RowBuilder>> Rows { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    // The statement's columns, in order.
    private const int UserId = 0, SecretHash = 1, Permissions = 2, ExpiresAt = 3, RevokedAt = 4, LastUsedAt = 5,
        OwnerId = 6, UserName = 7, Email = 8, IsDisabled = 9, InstitutionId = 10, JurisdictionId = 11, Role = 12, TokenId = 13;

    /// <summary>The current row of the statement, read by column index, whichever database answers it.</summary>
    private interface IColumns
    {
        bool IsNull(int column);

        string Text(int column);

        Guid Guid(int column);

        DateTime Instant(int column);

        bool Flag(int column);
    }

    /// <summary>One row per role: the token and its owner from the first, a role from each.</summary>
    private sealed class RowBuilder(Guid id)
    {
        private readonly List<string> roles = [];

        public ApiTokenRow? Row { get; private set; }

        public void Add<T>(ref T row)
            where T : struct, IColumns
        {
            Row ??= new ApiTokenRow(
                id, row.Guid(UserId), row.Text(SecretHash), row.Text(Permissions), row.Instant(ExpiresAt),
                row.IsNull(RevokedAt) ? null : row.Instant(RevokedAt), row.IsNull(LastUsedAt) ? null : row.Instant(LastUsedAt),
                row.IsNull(OwnerId) ? null : new ApiTokenOwner(
                    row.Guid(OwnerId), row.IsNull(UserName) ? null : row.Text(UserName), row.IsNull(Email) ? null : row.Text(Email),
                    row.Flag(IsDisabled), row.Guid(InstitutionId), row.IsNull(JurisdictionId) ? null : row.Guid(JurisdictionId)),
                roles);
            if (!row.IsNull(Role))
            {
                roles.Add(row.Text(Role));
            }
        }
    }

    private readonly struct ReaderColumns(DbDataReader reader) : IColumns
    {
        public bool IsNull(int column) => reader.IsDBNull(column);

        public string Text(int column) => reader.GetString(column);

        public Guid Guid(int column) => reader.GetGuid(column);

        public DateTime Instant(int column) => Utc(reader.GetDateTime(column));

        public bool Flag(int column) => reader.GetBoolean(column);
    }

    private void DrainSqlite()
    {
        while (sqlite.TryDequeue(out var lease))
        {
            lease.Dispose();
        }
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public void Dispose()
    {
        Volatile.Write(ref disposed, true);
        DrainSqlite();
        postgres?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref disposed, true);
        DrainSqlite();

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }

    /// <summary>
    /// An open, read-only SQLite connection with the lookup prepared on it once, run through SQLite's statement API
    /// (binding, stepping and reading columns directly: the data reader's per-call set-up was half of the lookup).
    /// Values are read as EF Core stores them (<see cref="SqliteStoredValues"/>).
    /// </summary>
    private sealed class SqliteLease : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly sqlite3_stmt statement;

        private SqliteLease(SqliteConnection connection, sqlite3_stmt statement)
        {
            this.connection = connection;
            this.statement = statement;
        }

        public static SqliteLease Open(string connectionString)
        {
            // Not pooled: the native connection is made read-only below, and must never be handed to the application's
            // own connections afterwards.
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            try
            {
                connection.Open();
                using (var pragmas = connection.CreateCommand())
                {
                    // This connection only ever reads, and waits on a writer's lock as long as the application's own connections do.
                    pragmas.CommandText = "PRAGMA query_only=ON; PRAGMA busy_timeout=10000;";
                    pragmas.ExecuteNonQuery();
                }

                Check(connection, raw.sqlite3_prepare_v2(connection.Handle, SqliteSql, out var statement));
                return new SqliteLease(connection, statement);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public ApiTokenRow? Find(Guid id)
        {
            try
            {
                // SQLite stores a GUID as its upper-case text (EF Core's mapping).
                Check(connection, raw.sqlite3_bind_text(statement, 1, id.ToString("D").ToUpperInvariant()));
                var rows = new RowBuilder(id);
                var columns = new StatementColumns(statement);
                int result;
                while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    rows.Add(ref columns);
                }

                if (result != raw.SQLITE_DONE)
                {
                    Check(connection, result);
                }

                return rows.Row;
            }
            finally
            {
                // Ends the statement's read transaction whatever happened.
                raw.sqlite3_reset(statement);
                raw.sqlite3_clear_bindings(statement);
            }
        }

        private static void Check(SqliteConnection connection, int result)
        {
            if (result != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(result, connection.Handle);
            }
        }

        public void Dispose()
        {
            statement.Dispose();
            connection.Dispose();
        }
    }

    /// <summary>Columns of the statement's current row, as EF Core stores them on SQLite (<see cref="SqliteStoredValues"/>).</summary>
    private readonly struct StatementColumns(sqlite3_stmt statement) : IColumns
    {
        public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

        public string Text(int column) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, column));

        public Guid Guid(int column) => SqliteStoredValues.Guid(raw.sqlite3_column_blob(statement, column));

        public DateTime Instant(int column) => DateTime.SpecifyKind(SqliteStoredValues.Instant(raw.sqlite3_column_blob(statement, column)), DateTimeKind.Utc);

        public bool Flag(int column) => raw.sqlite3_column_int64(statement, column) != 0;
    }
}
