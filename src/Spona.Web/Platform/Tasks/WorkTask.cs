using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Tasks;

public enum WorkTaskState
{
    Open = 1,
    Done = 2,
    Cancelled = 3,
}

/// <summary>How far an open task's deadline has been escalated (each step notifies once).</summary>
public enum EscalationLevel
{
    None = 0,

    /// <summary>The at-risk time passed: the responsible person (or the institution) was told.</summary>
    AtRisk = 1,

    /// <summary>The due time passed: the responsible person and the institution's supervisors were told.</summary>
    Overdue = 2,

    /// <summary>Still open long after the due time: the head of the institution was told.</summary>
    Head = 3,
}

/// <summary>
/// A duty with a deadline (a "task"): what must be done (its <see cref="Kind"/>), about which record, by which
/// institution and optionally which person, by when. Its due time comes from the kind's rule and the event that
/// started it (for example 72 hours after identification, strategy 4.2). A scoped record: only the responsible
/// institution, users whose jurisdiction covers it and holders of a grant reach it (S5).
/// </summary>
public sealed class WorkTask : IScopedRecord, IAudited, Persistence.IVersioned
{
    public const int TitleLength = 200;
    public const int NoteLength = 2000;
    public const int ReasonLength = 1000;

    public const string RecordTypeName = "Task";

    public static string RecordType => RecordTypeName;

    public Guid Id { get; set; }

    /// <summary>A registered <see cref="TaskKind"/> code, e.g. <c>general</c> or <c>victim.accommodation</c>.</summary>
    [AuditValue]
    public required string Kind { get; set; }

    /// <summary>For tasks typed by a person: what to do. Free text, so it may name someone: encrypted.</summary>
    [PersonalDataClassification(
        Purpose = "Say what must be done in a task a person created",
        LegalBasis = "The institution's public task (case work under the strategy 2024-2027)",
        Retention = "As long as the task, at most as long as the record it concerns")]
    public string? Title { get; set; }

    [PersonalDataClassification(
        Purpose = "Details of a task for the person who does it",
        LegalBasis = "The institution's public task (case work under the strategy 2024-2027)",
        Retention = "As long as the task, at most as long as the record it concerns")]
    public string? Note { get; set; }

    /// <summary>The record the task is about (a type registered for record scope and its id), if any.</summary>
    [AuditValue]
    [NotPersonalData("A record type name such as Victim")]
    public string? SubjectType { get; set; }

    [AuditValue]
    public Guid? SubjectId { get; set; }

    /// <summary>The subject as people may see it: a pseudonymous code (e.g. a victim code), never a name.</summary>
    [AuditValue]
    [NotPersonalData("A pseudonymous code such as a victim code, never a name")]
    public string? SubjectCode { get; set; }

    /// <summary>The responsible institution.</summary>
    [AuditValue]
    public Guid OwnerInstitutionId { get; set; }

    /// <summary>The responsible institution's jurisdiction (for coordination teams' scope).</summary>
    [AuditValue]
    public Guid? JurisdictionId { get; set; }

    /// <summary>The responsible person, if the task is assigned to one.</summary>
    [AuditValue]
    public Guid? AssigneeUserId { get; set; }

    /// <summary>When the event that started the deadline happened (UTC).</summary>
    [AuditValue]
    public DateTime EventAt { get; set; }

    [AuditValue]
    public DateTime? AtRiskAt { get; set; }

    [AuditValue]
    public DateTime DueAt { get; set; }

    [AuditValue]
    public WorkTaskState State { get; set; } = WorkTaskState.Open;

    [AuditValue]
    public EscalationLevel Escalation { get; set; }

    [AuditValue]
    public DateTime CreatedAt { get; set; }

    [AuditValue]
    public Guid? CreatedByUserId { get; set; }

    [AuditValue]
    public DateTime? ClosedAt { get; set; }

    [AuditValue]
    public Guid? ClosedByUserId { get; set; }

    /// <summary>Why the task was cancelled (free text: encrypted).</summary>
    [PersonalDataClassification(
        Purpose = "Record why a duty was cancelled, for supervisors and auditors",
        LegalBasis = "Accountability of the institution's public task",
        Retention = "As long as the task, at most as long as the record it concerns")]
    public string? CancelReason { get; set; }

    [AuditValue]
    public int Version { get; set; }

    public bool IsOpen => State == WorkTaskState.Open;

    public bool IsOverdue(DateTime now) => IsOpen && DueAt <= now;

    public bool IsAtRisk(DateTime now) => IsOpen && !IsOverdue(now) && AtRiskAt is { } risk && risk <= now;

    public void Complete(Guid by, DateTime now)
    {
        EnsureOpen();
        State = WorkTaskState.Done;
        ClosedAt = now;
        ClosedByUserId = by;
    }

    /// <summary>Why a cancellation reason is refused (English text to translate), or null when it will do.</summary>
    public static string? CancelReasonProblem(string? reason) => reason?.Trim() switch
    {
        null or { Length: < 5 } => Localization.Localizable.Text("State why the task is cancelled (at least 5 characters)."),
        { Length: > ReasonLength } => Localization.Localizable.Text("The reason is too long."),
        _ => null,
    };

    public void Cancel(Guid by, string? reason, DateTime now)
    {
        EnsureOpen();
        if (CancelReasonProblem(reason) is { } problem)
        {
            throw new DomainRuleViolation("task.cancel-reason-required", problem);
        }

        reason = reason!.Trim();

        State = WorkTaskState.Cancelled;
        CancelReason = reason;
        ClosedAt = now;
        ClosedByUserId = by;
    }

    public void AssignTo(Guid? userId)
    {
        EnsureOpen();
        AssigneeUserId = userId;
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new DomainRuleViolation("task.closed", "The task is already closed.");
        }
    }
}

internal sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> builder)
    {
        builder.ToTable("Tasks");
        builder.Property(t => t.Kind).HasMaxLength(TaskKind.CodeLength);
        builder.Property(t => t.Title).HasMaxLength(WorkTask.TitleLength);
        builder.Property(t => t.Note).HasMaxLength(WorkTask.NoteLength);
        builder.Property(t => t.CancelReason).HasMaxLength(WorkTask.ReasonLength);
        builder.Property(t => t.SubjectType).HasMaxLength(64);
        builder.Property(t => t.SubjectCode).HasMaxLength(64);
        builder.Property(t => t.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Escalation).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(t => new { t.AssigneeUserId, t.State, t.DueAt });
        builder.HasIndex(t => new { t.OwnerInstitutionId, t.State, t.DueAt });
        builder.HasIndex(t => new { t.State, t.DueAt });
        builder.HasIndex(t => new { t.SubjectType, t.SubjectId });
    }
}
