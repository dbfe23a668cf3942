using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// Tells the sealer of this process that unsealed entries were committed, so that it seals them soon instead of at its
/// next interval. Also remembers that this process wrote any (the command line seals before it exits).
/// </summary>
public sealed class AuditSealSignal : IDisposable
{
    private readonly SemaphoreSlim wake = new(0, 1);
    private int written;

    /// <summary>True once this process committed an unsealed entry.</summary>
    public bool Written => Volatile.Read(ref written) == 1;

    public void Notify()
    {
        Volatile.Write(ref written, 1);
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another request woke the sealer at the same moment: once is enough.
            }
            catch (ObjectDisposedException)
            {
                // The application is stopping; the entry is sealed at the next start (or by 'spona audit seal').
            }
        }
    }

    public void Dispose() => wake.Dispose();

    /// <summary>Waits until <see cref="Notify"/> or the timeout, whichever comes first.</summary>
    internal Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => wake.WaitAsync(timeout, cancellationToken);
}

/// <summary>How many entries wait to be sealed, and since when.</summary>
public sealed record UnsealedBacklog(long Count, DateTime? Oldest, TimeSpan? OldestAge, TimeSpan Bound)
{
    /// <summary>The oldest unsealed entry is older than <see cref="AuditOptions.MaxUnsealedSeconds"/>: the sealer lags or stopped.</summary>
    public bool Exceeded => OldestAge > Bound;
}

/// <summary>
/// Links unsealed entries into the hash chain (ADR 0017): in one short transaction per batch it takes the chain lock
/// (PostgreSQL advisory lock; on SQLite the IMMEDIATE transaction's write lock), reads the head, gives the oldest
/// unsealed entries (by id) the next sequence numbers and hashes, inserts them into the chain and deletes them from
/// the unsealed table. Any number of application instances may run it; the lock makes them take turns, so the chain
/// stays one line. Requests never take this lock.
/// </summary>
public sealed class AuditSealer(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AuditOptions> options, AuditWriteTurn turn)
{
    public const int BatchSize = 1000;

    /// <summary>Seals every entry committed so far; returns how many. Safe to call from anywhere, at any time.</summary>
    public async Task<int> SealPendingAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var count = await SealBatchAsync(cancellationToken);
            total += count;
            if (count < BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>The entries still waiting to be sealed.</summary>
    public async Task<UnsealedBacklog> BacklogAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One plain statement (the count and the oldest instant, both answered from the table's b-trees), not two
        // LINQ queries: `spona audit verify` runs it first in a fresh process, where compiling LINQ queries cost
        // about 0.2 s of the verification's time.
        var (count, oldest) = await ReadBacklogAsync(db, cancellationToken);
        var age = oldest is { } o ? clock.GetUtcNow().UtcDateTime - o : (TimeSpan?)null;
        return new UnsealedBacklog(count, oldest, age, TimeSpan.FromSeconds(options.Value.MaxUnsealedSeconds));
    }

    private static async Task<(long Count, DateTime? Oldest)> ReadBacklogAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"""SELECT (SELECT COUNT(*) FROM "{AuditSchema.UnsealedTable}"), (SELECT MIN("OccurredAt") FROM "{AuditSchema.UnsealedTable}")""";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var count = reader.GetInt64(0);
            DateTime? oldest = reader.IsDBNull(1) ? null : DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
            return (count, oldest);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<int> SealBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // Takes turns with the group commit for SQLite's write lock (AuditWriteTurn).
        using var writing = await turn.TakeAsync(cancellationToken);
        return await SealBatchAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
    }

    /// <summary>Seals up to <see cref="BatchSize"/> entries in one transaction of <paramref name="db"/> (a context with nothing else to save).</summary>
    internal static async Task<int> SealBatchAsync(DbContext db, CancellationToken cancellationToken)
    {
        // Look first without a lock: an idle sealer never takes the write lock.
        if (!await db.Set<UnsealedAuditEntry>().AnyAsync(cancellationToken))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (sequence, previous) = await AuditSaveChangesInterceptor.LockAndReadHeadAsync(db, cancellationToken);
        // Read after the lock: what another sealer sealed meanwhile is gone already.
        var batch = await db.Set<UnsealedAuditEntry>().OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var row in batch)
        {
            var entry = row.ToEntry();
            AuditHash.Seal(entry, ++sequence, previous);
            previous = entry.EntryHash;
            db.Add(entry);
            db.Remove(row);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return batch.Count;
    }

    /// <summary>
    /// Seals every entry waiting in the unsealed table after the head (<paramref name="sequence"/>,
    /// <paramref name="previous"/>), in the transaction of <paramref name="db"/> that holds the chain lock; returns
    /// the new head. The group commit calls it before it appends its own entries, so that the chain keeps the order in
    /// which entries were committed: a change committed before a read is sealed before it.
    /// </summary>
    internal static (long Sequence, string Previous) SealWaiting(DbContext db, long sequence, string previous)
    {
        while (true)
        {
            var batch = db.Set<UnsealedAuditEntry>().OrderBy(e => e.Id).Take(BatchSize).ToList();
            foreach (var row in batch)
            {
                var entry = row.ToEntry();
                AuditHash.Seal(entry, ++sequence, previous);
                previous = entry.EntryHash;
                db.Add(entry);
                db.Remove(row);
            }

            if (batch.Count > 0)
            {
                db.SaveChanges();
                db.ChangeTracker.Clear();
            }

            if (batch.Count < BatchSize)
            {
                return (sequence, previous);
            }
        }
    }
}

/// <summary>
/// Runs <see cref="AuditSealer"/> in the web application: woken by every request that wrote audit entries (and at
/// least every <see cref="AuditOptions.SealIntervalMilliseconds"/>), and once more when the application stops.
/// </summary>
internal sealed partial class AuditSealingService(
    AuditSealer sealer, AuditSealSignal signal, IOptions<AuditOptions> options, ILogger<AuditSealingService> logger) : BackgroundService
{
    /// <summary>How long the sealer waits, once woken, for more entries to seal in the same transaction.</summary>
    internal static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time on purpose: the cadence is the machine's, not the (possibly simulated) clock of the records.
        var interval = TimeSpan.FromMilliseconds(options.Value.SealIntervalMilliseconds);
        if (!options.Value.RecordReads)
        {
            LogReadsOff(logger);
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(failures == 0 ? interval : TimeSpan.FromMilliseconds(Math.Min(30_000, interval.TotalMilliseconds * (1 << Math.Min(failures, 5)))), stoppingToken);
                // Gather a burst before sealing it: under load one seal (one transaction, on SQLite one fsync) per
                // woken request competed with the requests' own commits for the single writer lock (ADR 0017).
                await Task.Delay(GatherDelay, stoppingToken);
                await sealer.SealPendingAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                // The type only: messages of database errors can quote data.
                LogSealFailed(logger, ex.GetType().Name);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await sealer.SealPendingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSealFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit:RecordReads is false: reads of records are NOT audited. This switch is for benchmarks only")]
    private static partial void LogReadsOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sealing audit entries into the chain failed ({ExceptionType}); it is tried again")]
    private static partial void LogSealFailed(ILogger logger, string exceptionType);
}
