using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// Writes audit entries that belong to no change of data (reads, refusals, token uses: <see cref="IAuditTrail.FlushAsync"/>)
/// by group commit (ADR 0017): every caller waits until its own entries are committed, but the callers that arrive
/// while one commit runs are written together by the next one, in one transaction. On SQLite every commit is a
/// full fsync (<c>synchronous=FULL</c>, S12), so one transaction per audited read made concurrent reads wait on
/// one another's disk flushes; now a burst of reads shares one flush, and no entry is acknowledged before it is
/// durable.
/// The commits run on a thread of their own, not on the thread pool: SQLite's writes are synchronous (its asynchronous
/// methods block), so a commit written by a waiting request held one of the pool's few threads (two on this machine's
/// two cores) for the length of a disk flush, and the requests behind it waited for the thread rather than for the disk.
/// Each commit seals its entries into the chain itself, under the chain lock, after the change entries that waited
/// (ADR 0017, amendment of 2026-12-03): a read entry is written once, never unsealed.
/// </summary>
internal sealed class AuditGroupCommit(IServiceScopeFactory scopes, AuditWriteTurn turn, ILogger<AuditGroupCommit> logger) : IDisposable
{
    private readonly BlockingCollection<Batch> queue = [];
    private readonly Lock sync = new();
    private Thread? writer;

    /// <summary>
    /// Seals the drafted entries into the chain (and writes the operation reasons first written with them); returns
    /// when they are committed.
    /// </summary>
    public Task AppendAsync(IReadOnlyList<AuditEntry> entries, IReadOnlyList<AuditOperation> operations)
    {
        var batch = new Batch(entries, operations);
        EnsureWriter();
        // Not cancellable: a read whose response was about to start is recorded even if its client went away. After
        // the application began to stop, nothing more is accepted, and the caller's response fails rather than going
        // out unrecorded.
        try
        {
            queue.Add(batch);
        }
        catch (InvalidOperationException)
        {
            // Adding after CompleteAdding throws; said here in the words of the other case, a disposed queue.
            throw new ObjectDisposedException(nameof(AuditGroupCommit), "The application is stopping; the audit entry could not be written.");
        }

        return batch.Done.Task;
    }

    public void Dispose()
    {
        lock (sync)
        {
            if (!queue.IsAddingCompleted)
            {
                queue.CompleteAdding();
            }
        }

        // The writer finishes what was queued before it stops.
        writer?.Join(TimeSpan.FromSeconds(30));
        queue.Dispose();
    }

    private void EnsureWriter()
    {
        if (writer is not null)
        {
            return;
        }

        lock (sync)
        {
            if (writer is null && !queue.IsAddingCompleted)
            {
                var thread = new Thread(Run) { IsBackground = true, Name = "Spona audit group commit" };
                thread.Start();
                writer = thread;
            }
        }
    }

    private void Run()
    {
        List<Batch> group = [];
        try
        {
            foreach (var first in queue.GetConsumingEnumerable())
            {
                group.Add(first);
                while (queue.TryTake(out var next))
                {
                    group.Add(next);
                }

                Write(group);
                group = [];
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
        {
            // Disposed while waiting: nothing was taken that is not answered below.
        }

        foreach (var left in group)
        {
            left.Done.TrySetException(new ObjectDisposedException(nameof(AuditGroupCommit)));
        }
    }

    private void Write(List<Batch> group)
    {
        try
        {
            // Behind the sealer, not against it (AuditWriteTurn).
            using var writing = turn.Take();
            using var scope = scopes.CreateScope();
            using var db = new AppDbContext(scope.ServiceProvider.GetRequiredService<DbContextOptions<AppDbContext>>());
            using var transaction = db.Database.BeginTransaction();
            // Sealed here, under the chain lock, in the order the requests arrived (ADR 0017 amendment): nothing of a
            // group waits for the sealer.
            var (sequence, previous, waiting) = AuditChainAppender.LockAndReadHead(db, transaction.GetDbTransaction());
            if (waiting)
            {
                // First what changes committed before (their entries wait unsealed), so that the chain stays in commit order.
                (sequence, previous) = AuditSealer.SealWaiting(db, sequence, previous);
            }
            List<AuditEntry> entries = [];
            List<AuditOperation> operations = [];
            foreach (var batch in group)
            {
                operations.AddRange(batch.Operations);
                foreach (var entry in batch.Entries)
                {
                    AuditHash.Seal(entry, ++sequence, previous);
                    previous = entry.EntryHash;
                    entries.Add(entry);
                }
            }

            if (operations.Count > 0)
            {
                // Rare (a reason given with a refusal or a read): encrypted by the model's converters, in the same transaction.
                db.AddRange(operations);
                db.SaveChanges();
            }

            AuditChainAppender.Insert(db, transaction.GetDbTransaction(), entries);
            transaction.Commit();
        }
        catch (Exception ex)
        {
            // Each waiting request fails with the error (no response goes out unrecorded); the writer goes on. The
            // entries were not committed: a retry drafts and seals them anew.
            logger.LogError(ex, "Writing {Count} audit entries failed", group.Sum(b => b.Entries.Count));
            foreach (var batch in group)
            {
                batch.Done.TrySetException(ex);
            }

            return;
        }

        foreach (var batch in group)
        {
            batch.Done.TrySetResult();
        }
    }

    private sealed class Batch(IReadOnlyList<AuditEntry> entries, IReadOnlyList<AuditOperation> operations)
    {
        public IReadOnlyList<AuditEntry> Entries { get; } = entries;

        public IReadOnlyList<AuditOperation> Operations { get; } = operations;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
