namespace Spona.Web.Platform.Audit;

/// <summary>
/// One entry of the append-only audit trail (S6, S7): who did what to which record, when, why and with what outcome,
/// chained to the entry before it by <see cref="PreviousHash"/>. Field changes name personal fields but never hold
/// their values. Rows are never updated or deleted (the database refuses it, see <see cref="AuditSchema"/>).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>1, 2, 3, … without gaps, in the order the entries were sealed (ADR 0017).</summary>
    public long Sequence { get; set; }

    /// <summary>UTC, truncated to whole microseconds so that both databases store exactly what was hashed.</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary>The acting account; null for the system itself and the command line.</summary>
    public Guid? ActorUserId { get; set; }

    /// <summary>The account's user name, or <c>system</c> / <c>cli</c>.</summary>
    public required string ActorLabel { get; set; }

    public Guid? InstitutionId { get; set; }

    /// <summary>What happened, one of <see cref="AuditActions"/> (e.g. <c>entity.updated</c>).</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public required string EntityKey { get; set; }

    /// <summary>JSON array of <c>{"field","old","new"}</c>; personal fields appear as <c>{"field","personal":true}</c>.</summary>
    public string? Changes { get; set; }

    public string? Reason { get; set; }

    /// <summary>The trace id of the request (the correlation id an error page shows).</summary>
    public string? CorrelationId { get; set; }

    public AuditOutcome Outcome { get; set; }

    /// <summary>
    /// The operation the entry belongs to (ADR 0022); its reason is in <see cref="AuditOperation"/>. Null only in
    /// entries written before operations existed, which keep the hash format <c>spona.audit.v1</c>.
    /// </summary>
    public Guid? OperationId { get; set; }

    /// <summary>The operation's type: a declared <see cref="AuditOperationType"/> code, or the route of a request.</summary>
    public string? OperationType { get; set; }

    /// <summary>Lowercase hex SHA-256 of the previous entry (64 zeros for the first).</summary>
    public required string PreviousHash { get; set; }

    /// <summary>Lowercase hex SHA-256 over this entry's content and <see cref="PreviousHash"/> (<see cref="AuditHash"/>).</summary>
    public required string EntryHash { get; set; }
}

public enum AuditOutcome
{
    Success,
    Denied,
    Failed,
}

/// <summary>The actions the platform records. Modules may add their own, in the same dotted style.</summary>
public static class AuditActions
{
    public const string EntityCreated = "entity.created";
    public const string EntityUpdated = "entity.updated";
    public const string EntityDeleted = "entity.deleted";
    public const string RecordRead = "record.read";
    public const string SignInSucceeded = "sign-in.succeeded";
    public const string SignInFailed = "sign-in.failed";
    public const string SignOut = "sign-out";
    public const string TokenUsed = "token.used";
    public const string BreakGlass = "break-glass";
    public const string Export = "export";
}
