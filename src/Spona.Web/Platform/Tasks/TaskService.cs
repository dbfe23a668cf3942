using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Tasks;

/// <summary>What a module asks for when an event starts a duty (e.g. "identified": accommodation within 72 hours).</summary>
public sealed record TaskRequest(
    string Kind,
    Guid InstitutionId,
    DateTime EventAt,
    string? SubjectType = null,
    Guid? SubjectId = null,
    string? SubjectCode = null,
    Guid? AssigneeUserId = null);

/// <summary>
/// Opens and closes tasks. Modules call <see cref="Open"/> in their own unit of work (the task commits with the change
/// that caused it); people create, complete, cancel and assign through the Tasks pages and API.
/// </summary>
public sealed class TaskService(AppDbContext db, TaskKindRegistry kinds, Notifier notifier, CurrentUser user, IAuditTrail audit, TimeProvider clock)
{
    public static readonly NotificationKind Assigned = new("task.assigned", Localization.Localizable.Text("A task was assigned to you."));

    /// <summary>The declared changes of a task; a cancellation is refused without its reason, which the trail keeps encrypted.</summary>
    public static readonly AuditOperationType CreateOperation = new("tasks.create", Localization.Localizable.Text("Create a task"));

    public static readonly AuditOperationType CompleteOperation = new("tasks.complete", Localization.Localizable.Text("Complete a task"));

    public static readonly AuditOperationType CancelOperation = new("tasks.cancel", Localization.Localizable.Text("Cancel a task"), RequiresReason: true);

    public static readonly AuditOperationType AssignOperation = new("tasks.assign", Localization.Localizable.Text("Assign a task"));

    /// <summary>Opens a task of a declared kind; its due time follows the kind's rule from the event. The caller saves.</summary>
    public WorkTask Open(TaskRequest request, Guid? jurisdictionId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = kinds.Find(request.Kind) ?? throw new ArgumentException($"Task kind '{request.Kind}' is not declared.", nameof(request));
        if (kind.Rule is not { } rule)
        {
            throw new ArgumentException($"Task kind '{request.Kind}' has no deadline rule; give a due time.", nameof(request));
        }

        var task = New(kind.Code, request.InstitutionId, jurisdictionId, request.EventAt, rule.AtRiskFrom(request.EventAt), rule.DueFrom(request.EventAt));
        task.SubjectType = request.SubjectType;
        task.SubjectId = request.SubjectId;
        task.SubjectCode = request.SubjectCode;
        task.AssigneeUserId = request.AssigneeUserId;
        db.Add(task);
        if (request.AssigneeUserId is { } assignee && assignee != user.UserId)
        {
            notifier.Notify(assignee, Assigned, Reference(task), Link(task));
        }

        return task;
    }

    /// <summary>A task typed by a person of their own institution, due when they say (in the future).</summary>
    public async Task<TaskResult> CreateAsync(TaskInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors["title"] = Localization.Localizable.Text("Say what must be done.");
        }

        if (input.DueAt is not { } due)
        {
            errors["dueAt"] = Localization.Localizable.Text("Give the due date and time.");
        }
        else if (due.ToUniversalTime() <= now)
        {
            errors["dueAt"] = Localization.Localizable.Text("The due time must be in the future.");
        }

        if (user.InstitutionId is not { } institution)
        {
            return TaskResult.NotFound;
        }

        if (input.AssigneeUserId is { } assignee
            && !await db.Users.AnyAsync(u => u.Id == assignee && u.InstitutionId == institution && !u.IsDisabled, cancellationToken))
        {
            errors["assigneeUserId"] = Localization.Localizable.Text("Choose a person of your institution.");
        }

        if (errors.Count > 0)
        {
            return TaskResult.Invalid(errors);
        }

        using var operation = audit.BeginOperation(CreateOperation.Code);
        var dueUtc = input.DueAt!.Value.ToUniversalTime().UtcDateTime;
        var atRisk = dueUtc - TaskKinds.GeneralAtRiskBefore;
        var jurisdiction = await db.Institutions.Where(i => i.Id == institution).Select(i => i.JurisdictionId).FirstOrDefaultAsync(cancellationToken);
        var task = New(TaskKinds.General.Code, institution, jurisdiction, now, atRisk > now ? atRisk : null, dueUtc);
        task.Title = title;
        task.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        task.AssigneeUserId = input.AssigneeUserId;
        db.Add(task);
        if (input.AssigneeUserId is { } to && to != user.UserId)
        {
            notifier.Notify(to, Assigned, Reference(task), Link(task));
        }

        await db.SaveChangesAsync(cancellationToken);
        operation.Complete();
        return TaskResult.Saved(task);
    }

    public Task<TaskResult> CompleteAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, CompleteOperation, null, (task, now) => task.Complete(user.UserId!.Value, now), cancellationToken);

    public Task<TaskResult> CancelAsync(Guid id, int? version, string? reason, CancellationToken cancellationToken)
    {
        // The task's own rule first (at least 5 characters), so that a short reason is a field error, not an operation refusal.
        if (WorkTask.CancelReasonProblem(reason) is { } problem)
        {
            return Task.FromResult(TaskResult.Invalid(new Dictionary<string, string> { ["reason"] = problem }));
        }

        return ChangeAsync(id, version, CancelOperation, reason, (task, now) => task.Cancel(user.UserId!.Value, reason, now), cancellationToken);
    }

    /// <summary>Takes the task oneself, or (with Tasks.Supervise) gives it to a person of the responsible institution.</summary>
    public async Task<TaskResult> AssignAsync(Guid id, int? version, Guid? assigneeUserId, CancellationToken cancellationToken)
    {
        var me = user.UserId;
        var toSelf = assigneeUserId is not null && assigneeUserId == me;
        var task = await db.Set<WorkTask>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return TaskResult.NotFound;
        }

        if (!toSelf && !user.Has(Permissions.TasksSupervise))
        {
            return TaskResult.Forbidden;
        }

        if (assigneeUserId is { } assignee
            && !await db.Users.AnyAsync(u => u.Id == assignee && u.InstitutionId == task.OwnerInstitutionId && !u.IsDisabled, cancellationToken))
        {
            return TaskResult.Invalid(new Dictionary<string, string> { ["assigneeUserId"] = Localization.Localizable.Text("Choose a person of the responsible institution.") });
        }

        // The notice commits with the assignment, or neither does.
        return await ChangeAsync(task, version, AssignOperation, null, (t, _) =>
        {
            t.AssignTo(assigneeUserId);
            if (assigneeUserId is { } notified && notified != me)
            {
                notifier.Notify(notified, Assigned, Reference(t), Link(t));
            }
        }, cancellationToken);
    }

    private async Task<TaskResult> ChangeAsync(Guid id, int? version, AuditOperationType operation, string? reason, Action<WorkTask, DateTime> change, CancellationToken cancellationToken)
    {
        // The record-scope filter applies: a task outside the user's reach is "not found".
        var task = await db.Set<WorkTask>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return task is null ? TaskResult.NotFound : await ChangeAsync(task, version, operation, reason, change, cancellationToken);
    }

    private async Task<TaskResult> ChangeAsync(WorkTask task, int? version, AuditOperationType operation, string? reason, Action<WorkTask, DateTime> change, CancellationToken cancellationToken)
    {
        if (version is { } expected && expected != task.Version)
        {
            return TaskResult.Conflict;
        }

        try
        {
            using var auditChange = audit.BeginOperation(operation.Code, reason);
            change(task, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            auditChange.Complete();
            return TaskResult.Saved(task);
        }
        catch (DomainRuleViolation violation)
        {
            db.ChangeTracker.Clear();
            return violation.Code == "task.closed"
                ? TaskResult.Conflict
                : TaskResult.Invalid(new Dictionary<string, string> { ["reason"] = violation.Message });
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return TaskResult.Conflict;
        }
    }

    private WorkTask New(string kind, Guid institution, Guid? jurisdiction, DateTime eventAt, DateTime? atRisk, DateTime due) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        OwnerInstitutionId = institution,
        JurisdictionId = jurisdiction,
        EventAt = eventAt,
        AtRiskAt = atRisk,
        DueAt = due,
        CreatedAt = clock.GetUtcNow().UtcDateTime,
        CreatedByUserId = user.UserId,
    };

    public static string Reference(WorkTask task) => $"{WorkTask.RecordType}:{task.Id:N}";

    public static string Link(WorkTask task) => $"/tasks/{task.Id}";
}

/// <summary>A task as a person types it.</summary>
public sealed class TaskInput
{
    public string? Title { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public Guid? AssigneeUserId { get; set; }
}

public enum TaskResultStatus
{
    Saved,
    NotFound,
    Forbidden,
    Conflict,
    Invalid,
}

/// <summary>What became of a change to a task: saved, not reached, not allowed, changed meanwhile, or invalid fields.</summary>
public sealed record TaskResult(TaskResultStatus Status, WorkTask? Task = null, IReadOnlyDictionary<string, string>? Errors = null)
{
    public static readonly TaskResult NotFound = new(TaskResultStatus.NotFound);

    public static readonly TaskResult Forbidden = new(TaskResultStatus.Forbidden);

    public static readonly TaskResult Conflict = new(TaskResultStatus.Conflict);

    public static TaskResult Saved(WorkTask task) => new(TaskResultStatus.Saved, task);

    public static TaskResult Invalid(IReadOnlyDictionary<string, string> errors) => new(TaskResultStatus.Invalid, Errors: errors);
}
