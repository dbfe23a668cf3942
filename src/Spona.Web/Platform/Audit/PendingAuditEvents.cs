namespace Spona.Web.Platform.Audit;

/// <summary>
/// The audit events of one scope (request) that wait for the next SaveChanges of that scope's database context.
/// <see cref="AuditTrail"/> fills it; <see cref="AuditSaveChangesInterceptor"/> empties it into the same transaction.
/// </summary>
public sealed class PendingAuditEvents
{
    private readonly List<AuditEvent> pending = [];
    private readonly Lock gate = new();

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

    public void Add(AuditEvent auditEvent)
    {
        lock (gate)
        {
            pending.Add(auditEvent);
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
