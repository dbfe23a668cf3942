using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// Writes audit entries that belong to no change of data (reads, refusals, token uses: <see cref="IAuditTrail.FlushAsync"/>)
/// by group commit (ADR 0017): every caller waits until its own entries are committed, but the callers that arrive
/// while one commit runs are written together by the next one, in one transaction. On SQLite every commit is a
/// full fsync (<c>synchronous=FULL</c>, S12), so one transaction per audited read made concurrent reads wait on
/// one another's disk flushes; now a burst of reads shares one flush, and no entry is acknowledged before it is
/// durable. There is no background thread: the first waiting caller that takes the gate writes every waiting batch.
/// </summary>
internal sealed class AuditGroupCommit
{
    private readonly IServiceScopeFactory scopes;
    private readonly AuditSealSignal signal;

    // The gate is a one-token channel, not a SemaphoreSlim: nothing to dispose, so a flush that ends while the host
    // stops never meets a disposed gate.
    private readonly Channel<bool> gate = Channel.CreateBounded<bool>(1);
    private readonly Lock sync = new();
    private List<Batch> waiting = [];

    public AuditGroupCommit(IServiceScopeFactory scopes, AuditSealSignal signal)
    {
        this.scopes = scopes;
        this.signal = signal;
        gate.Writer.TryWrite(true);
    }

    /// <summary>Writes the rows (and the operation reasons first written with them); returns when they are committed.</summary>
    public async Task AppendAsync(IReadOnlyList<UnsealedAuditEntry> rows, IReadOnlyList<AuditOperation> operations)
    {
        var batch = new Batch(rows, operations);
        lock (sync)
        {
            waiting.Add(batch);
        }

        // Not cancellable: a read whose response was about to start is recorded even if its client went away.
        await gate.Reader.ReadAsync(CancellationToken.None);
        try
        {
            if (!batch.Done.Task.IsCompleted)
            {
                List<Batch> group;
                lock (sync)
                {
                    group = waiting;
                    waiting = [];
                }

                await WriteAsync(group);
            }
        }
        finally
        {
            gate.Writer.TryWrite(true);
        }

        await batch.Done.Task;
    }

    private async Task WriteAsync(List<Batch> group)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await using var db = new AppDbContext(scope.ServiceProvider.GetRequiredService<DbContextOptions<AppDbContext>>());
            foreach (var batch in group)
            {
                db.AddRange(batch.Operations);
                db.AddRange(batch.Rows);
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            foreach (var batch in group)
            {
                batch.Done.TrySetException(ex);
            }

            return;
        }

        signal.Notify();
        foreach (var batch in group)
        {
            batch.Done.TrySetResult();
        }
    }

    private sealed class Batch(IReadOnlyList<UnsealedAuditEntry> rows, IReadOnlyList<AuditOperation> operations)
    {
        public IReadOnlyList<UnsealedAuditEntry> Rows { get; } = rows;

        public IReadOnlyList<AuditOperation> Operations { get; } = operations;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
