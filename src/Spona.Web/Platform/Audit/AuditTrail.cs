using Microsoft.Extensions.Options;

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
    /// Starts an operation of a declared type (ADR 0022): every audit entry written until it ends carries its id and type,
    /// and its reason is stored encrypted beside the chain. A type that requires a reason is refused without one
    /// (<see cref="Errors.DomainRuleViolation"/> <c>audit.reason-required</c>), before anything changes. Unless
    /// <see cref="AuditOperationScope.Complete"/> is called, disposing it forgets every event added since that still
    /// waits, so that a refused or failed change leaves no entry saying it happened. Entries written outside any
    /// operation belong to the request's default operation.
    /// </summary>
    AuditOperationScope BeginOperation(string type, string? reason = null);
}

internal sealed class AuditTrail(
    PendingAuditEvents queue, IHttpContextAccessor httpContextAccessor, IOptions<AuditOptions> settings,
    AuditOperationTypes types, AuditActorAccessor actors, TimeProvider clock, AuditGroupCommit commits) : IAuditTrail
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

    public AuditOperationScope BeginOperation(string type, string? reason = null)
    {
        var declared = types.Find(type)
            ?? throw new InvalidOperationException($"The audit operation type '{type}' is not declared: declare it with AddAuditOperationType in its module.");
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (declared.RequiresReason && reason is null)
        {
            throw new Errors.DomainRuleViolation("audit.reason-required", "State the reason for this change.");
        }

        if (reason is { Length: > AuditOperationType.MaxReasonLength })
        {
            throw new Errors.DomainRuleViolation("audit.reason-too-long", "The reason can have at most 2000 characters.");
        }

        var operation = new AuditOperationScope(queue, queue.CurrentOperation, declared.Code, reason, actors.Current().UserId);
        queue.BeginOperation(operation);
        return operation;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (queue.Count == 0)
        {
            return;
        }

        // Not in the request's context, which may hold changes its handler decided not to save: the rows are drafted
        // here exactly as the save interceptor drafts them, and written by group commit with other requests' entries.
        cancellationToken.ThrowIfCancellationRequested();
        var actor = actors.Current();
        var now = AuditHash.Normalize(clock.GetUtcNow().UtcDateTime);
        var defaultType = actors.DefaultOperationType();
        var events = queue.Drain();
        var rows = events
            .Select(e => AuditSaveChangesInterceptor.FromEvent(e, actor, now, e.Operation is { } op ? (op.Id, op.Type) : (queue.DefaultOperationId, defaultType)))
            .ToList();
        var operations = events.Select(e => e.Operation).OfType<AuditOperationScope>().Distinct().Where(o => o.Reason is not null && !o.ReasonWritten).ToList();
        var operationRows = operations
            .Select(o => new AuditOperation { Id = o.Id, Type = o.Type, StartedAt = now, ActorUserId = o.ActorUserId ?? actor.UserId, Reason = o.Reason })
            .ToList();
        foreach (var operation in operations)
        {
            operation.ReasonWritten = true;
        }

        try
        {
            await commits.AppendAsync(rows, operationRows);
        }
        catch
        {
            foreach (var operation in operations)
            {
                operation.ReasonWritten = false;
            }

            queue.Restore(events);
            throw;
        }
    }
}
