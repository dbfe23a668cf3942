using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// Records audit events that are not entity changes (changes of <see cref="IAudited"/> entities are recorded
/// automatically). Scoped: one per request.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Writes one entry now, in its own transaction (and any reads still waiting with it).</summary>
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the current user read a record. The entry joins the request's next SaveChanges (same transaction);
    /// if there is none, it is written before the first byte of the response leaves (the response fails instead of
    /// leaving unaudited). Outside a request, call <see cref="FlushAsync"/>. Call it before writing the response.
    /// </summary>
    void RecordRead(string entityType, string key, string? reason = null);

    /// <summary>
    /// Like <see cref="RecordRead"/> for any event: it joins the request's next SaveChanges, so it commits or rolls back
    /// with the change it describes (use it inside a transaction that saves).
    /// </summary>
    void Add(AuditEvent auditEvent);

    /// <summary>Writes the waiting events now, in their own transaction.</summary>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts a change whose events (<see cref="Add"/>) must not outlive it: unless <see cref="AuditChange.Complete"/>
    /// is called, disposing the scope forgets every event added since that still waits, so that a refused or failed
    /// change leaves no entry saying it happened. Events that already joined a SaveChanges commit or roll back with it.
    /// </summary>
    AuditChange BeginChange();
}

/// <summary>See <see cref="IAuditTrail.BeginChange"/>.</summary>
public sealed class AuditChange : IDisposable
{
    private readonly PendingAuditEvents queue;
    private readonly List<AuditEvent> before;
    private bool completed;

    internal AuditChange(PendingAuditEvents queue)
    {
        this.queue = queue;
        before = queue.Snapshot();
    }

    /// <summary>The change happened: its events stay.</summary>
    public void Complete() => completed = true;

    public void Dispose()
    {
        if (!completed)
        {
            queue.DiscardAllBut(before);
            completed = true;
        }
    }
}

internal sealed class AuditTrail(PendingAuditEvents queue, DbContextOptions<AppDbContext> options, IHttpContextAccessor httpContextAccessor, IOptions<AuditOptions> settings) : IAuditTrail
{
    private bool flushRegistered;

    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        queue.Add(auditEvent);
        await FlushAsync(cancellationToken);
    }

    public void RecordRead(string entityType, string key, string? reason = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (!settings.Value.RecordReads)
        {
            // Benchmark-only switch (Audit:RecordReads=false): measures what read auditing costs. Never in production.
            return;
        }

        Add(new AuditEvent(AuditActions.RecordRead, entityType, key, Reason: reason));
    }

    public void Add(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        queue.Add(auditEvent);
        if (httpContextAccessor.HttpContext is { } context && !flushRegistered)
        {
            if (context.Response.HasStarted)
            {
                throw new InvalidOperationException("Record the read before the response starts: the audit entry must be written before the data leaves.");
            }

            flushRegistered = true;
            context.Response.OnStarting(() => FlushAsync(context.RequestAborted));
        }
    }

    public AuditChange BeginChange() => new(queue);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (queue.Count == 0)
        {
            return;
        }

        // A context of its own: the request's context may hold changes its handler decided not to save.
        await using var db = new AppDbContext(options);
        await db.SaveChangesAsync(cancellationToken);
    }
}
