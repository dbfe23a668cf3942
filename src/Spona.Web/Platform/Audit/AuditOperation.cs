using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// The reason of an audit operation (ADR 0022), kept beside the chain and not in it: a reason can name a person or a
/// situation, so it is encrypted and can be blanked by an erasure, which an append-only, hash-chained entry never
/// could. The chain carries only the operation's id and type in every entry of the operation, so the entries cannot be
/// moved to another operation after sealing. Written in the same SaveChanges as the first entries of the operation.
/// </summary>
public sealed class AuditOperation
{
    public Guid Id { get; set; }

    /// <summary>One of the declared <see cref="AuditOperationType"/> codes.</summary>
    public required string Type { get; set; }

    public DateTime StartedAt { get; set; }

    public Guid? ActorUserId { get; set; }

    [PersonalDataClassification(
        Purpose = "Justify a change (a role change, breaking the glass) for review by auditors",
        LegalBasis = "Accountability of processing (personal data protection law, security of processing)",
        Retention = "As long as the audit entries of the operation, at least 5 years",
        Sensitivity = DataSensitivity.SpecialCategory)]
    public string? Reason { get; set; }
}

internal sealed class AuditOperationConfiguration : IEntityTypeConfiguration<AuditOperation>
{
    public void Configure(EntityTypeBuilder<AuditOperation> builder)
    {
        builder.ToTable(AuditSchema.OperationsTable);
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Type).HasMaxLength(AuditOperationType.MaxCodeLength);
    }
}

/// <summary>
/// A kind of change, declared by the module that makes it (<see cref="AuditSetup.AddAuditOperationType"/>): a dotted
/// code (<c>users.roles.change</c>), the English label the audit pages translate, and whether the change is refused
/// without a reason.
/// </summary>
public sealed record AuditOperationType(string Code, string Label, bool RequiresReason = false)
{
    public const int MaxCodeLength = 128;

    public const int MaxReasonLength = 2000;

    /// <summary>The operation of a request that began none: its type is the route (<c>request:POST /api/v1/…</c>).</summary>
    public const string RequestPrefix = "request:";

    public const string System = "system";

    public const string CommandLine = "cli";
}

/// <summary>
/// One change in progress (<see cref="IAuditTrail.BeginOperation"/>): every audit entry written while it is current
/// carries its id and type. Unless <see cref="Complete"/> is called, disposing it forgets every event added since it
/// began that still waits, so that a refused or failed change leaves no entry saying it happened (events that already
/// joined a SaveChanges commit or roll back with it).
/// </summary>
public sealed class AuditOperationScope : IDisposable
{
    private readonly PendingAuditEvents queue;
    private readonly List<AuditEvent> before;
    private bool ended;

    internal AuditOperationScope(PendingAuditEvents queue, AuditOperationScope? parent, string type, string? reason, Guid? actorUserId)
    {
        this.queue = queue;
        Parent = parent;
        Type = type;
        Reason = reason;
        ActorUserId = actorUserId;
        before = queue.Snapshot();
    }

    public Guid Id { get; } = Guid.NewGuid();

    public string Type { get; }

    internal string? Reason { get; }

    internal Guid? ActorUserId { get; }

    internal AuditOperationScope? Parent { get; }

    /// <summary>The reason's row joined a SaveChanges (set back when that SaveChanges fails).</summary>
    internal bool ReasonWritten { get; set; }

    /// <summary>The change happened: its events stay.</summary>
    public void Complete() => End(keep: true);

    public void Dispose() => End(keep: false);

    private void End(bool keep)
    {
        if (ended)
        {
            return;
        }

        ended = true;
        if (!keep)
        {
            queue.DiscardAllBut(before);
        }

        queue.EndOperation(this);
    }
}

/// <summary>The declared operation types (every <see cref="AuditOperationType"/> registered by a module).</summary>
public sealed class AuditOperationTypes(IEnumerable<AuditOperationType> declared)
{
    private readonly Dictionary<string, AuditOperationType> byCode = declared.DistinctBy(t => t.Code).ToDictionary(t => t.Code, StringComparer.Ordinal);

    public IReadOnlyCollection<AuditOperationType> All => byCode.Values;

    public AuditOperationType? Find(string? code) => code is not null && byCode.TryGetValue(code, out var type) ? type : null;

    public bool RequiresReason(string code) => Find(code)?.RequiresReason == true;
}
