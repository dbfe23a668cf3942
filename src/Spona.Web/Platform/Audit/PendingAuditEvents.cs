namespace Spona.Web.Platform.Audit;

/// <summary>
/// The audit events of one scope (request) that wait for the next SaveChanges of that scope's database context.
/// <see cref="AuditTrail"/> fills it; <see cref="AuditSaveChangesInterceptor"/> empties it into the same transaction.
/// </summary>
public sealed class PendingAuditEvents
{
    private readonly List<AuditEvent> pending = [];
    private readonly Lock gate = new();
    private AuditOperationScope? current;

    /// <summary>
    /// The operation of everything this scope records outside an explicit one (ADR 0022): one per request, so the
    /// entries of one request share it.
    /// </summary>
    public Guid DefaultOperationId { get; } = Guid.NewGuid();

    /// <summary>The innermost explicit operation in progress, if any.</summary>
    public AuditOperationScope? CurrentOperation
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    internal void BeginOperation(AuditOperationScope operation)
    {
        lock (gate)
        {
            current = operation;
        }
    }

    internal void EndOperation(AuditOperationScope operation)
    {
        lock (gate)
        {
            if (ReferenceEquals(current, operation))
            {
                current = operation.Parent;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>Queues the event; it belongs to the operation current now, even if it is saved after that ends.</summary>
    public void Add(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        lock (gate)
        {
            pending.Add(auditEvent.Operation is null && current is not null ? auditEvent with { Operation = current } : auditEvent);
        }
    }

    internal List<AuditEvent> Drain()
    {
        lock (gate)
        {
            var events = pending.ToList();
            pending.Clear();
            return events;
        }
    }

    /// <summary>The events waiting now (by reference), to tell later which were added after this moment.</summary>
    internal List<AuditEvent> Snapshot()
    {
        lock (gate)
        {
            return [.. pending];
        }
    }

    /// <summary>Forgets every waiting event that is not one of <paramref name="keep"/> (compared by reference).</summary>
    internal void DiscardAllBut(IReadOnlyList<AuditEvent> keep)
    {
        lock (gate)
        {
            pending.RemoveAll(e => !keep.Any(k => ReferenceEquals(k, e)));
        }
    }

    /// <summary>Puts events back at the front (their SaveChanges failed and will be retried or reported).</summary>
    internal void Restore(IReadOnlyCollection<AuditEvent> events)
    {
        lock (gate)
        {
            pending.InsertRange(0, events);
        }
    }
}
