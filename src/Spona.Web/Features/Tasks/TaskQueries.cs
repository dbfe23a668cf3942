using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Tasks;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Tasks;

/// <summary>Which tasks a list shows.</summary>
public enum TaskView
{
    /// <summary>Assigned to me.</summary>
    Mine,

    /// <summary>My institution's, assigned to anyone or to no one.</summary>
    Institution,

    /// <summary>Overdue open tasks of every institution in my scope (supervisors).</summary>
    Overdue,
}

public enum TaskStateFilter
{
    Open,
    Done,
    Cancelled,
    All,
}

public enum TaskSort
{
    /// <summary>Overdue first, then by due time (the default).</summary>
    Due,

    /// <summary>Newest first.</summary>
    Created,
}

/// <summary>A task as pages and the API show it: the subject by its pseudonymous code, never a name.</summary>
public sealed record TaskItemView(
    Guid Id, string Kind, string KindText, string? Title, string? SubjectType, Guid? SubjectId, string? SubjectCode,
    Guid InstitutionId, string InstitutionName, Guid? AssigneeUserId, string? AssigneeName,
    DateTime EventAt, DateTime? AtRiskAt, DateTime DueAt, string State, string Escalation, bool Overdue, bool AtRisk,
    DateTime CreatedAt, DateTime? ClosedAt, int Version) : IModuleContract;

/// <summary>One task with what only its page shows.</summary>
public sealed record TaskDetailView(TaskItemView Task, string? Note, string? CancelReason, IReadOnlyList<AssigneeChoice> Assignees);

public sealed record AssigneeChoice(Guid Id, string Name);

/// <summary>
/// Task lists and one task, always within the user's scope (the record-scope filter) and recorded as reads of each
/// task shown (the list shows staff names and what each duty is about). A contract of the module: the start page lists
/// one's open tasks through it.
/// </summary>
public sealed class TaskQueries(AppDbContext db, CurrentUser user, TaskKindRegistry kinds, RecordReads reads, TimeProvider clock, IStringLocalizer<TaskQueries> localizer) : IModuleContract
{
    public async Task<PagedResult<TaskItemView>> ListAsync(TaskView view, TaskStateFilter state, string? kind, TaskSort sort, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = PagedResult<TaskItemView>.Normalize(page, pageSize);
        var now = clock.GetUtcNow().UtcDateTime;
        var me = user.UserId ?? Guid.Empty;
        var institution = user.InstitutionId ?? Guid.Empty;
        var tasks = db.Set<WorkTask>().AsNoTracking();
        tasks = view switch
        {
            TaskView.Mine => tasks.Where(t => t.AssigneeUserId == me),
            TaskView.Institution => tasks.Where(t => t.OwnerInstitutionId == institution),
            _ => tasks.Where(t => t.State == WorkTaskState.Open && t.DueAt <= now),
        };
        tasks = state switch
        {
            TaskStateFilter.Open => tasks.Where(t => t.State == WorkTaskState.Open),
            TaskStateFilter.Done => tasks.Where(t => t.State == WorkTaskState.Done),
            TaskStateFilter.Cancelled => tasks.Where(t => t.State == WorkTaskState.Cancelled),
            _ => tasks,
        };
        if (!string.IsNullOrEmpty(kind))
        {
            tasks = tasks.Where(t => t.Kind == kind);
        }

        var total = await tasks.CountAsync(cancellationToken);
        // Open before closed; among open, the earliest due first, so overdue tasks lead the list.
        var ordered = sort == TaskSort.Created
            ? tasks.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id)
            : tasks.OrderBy(t => t.State == WorkTaskState.Open ? 0 : 1).ThenBy(t => t.DueAt).ThenBy(t => t.Id);
        var rows = await ordered.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        var items = await ViewsAsync(rows, now, cancellationToken);
        reads.Shown(WorkTask.RecordType, rows.Select(r => r.Id));
        return new PagedResult<TaskItemView>(items, number, size, total);
    }

    /// <summary>The open tasks assigned to me, overdue first (the start page).</summary>
    public Task<PagedResult<TaskItemView>> MineOpenAsync(int count, CancellationToken cancellationToken) =>
        ListAsync(TaskView.Mine, TaskStateFilter.Open, null, TaskSort.Due, 1, count, cancellationToken);

    public async Task<TaskDetailView?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var task = await db.Set<WorkTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return null;
        }

        var view = (await ViewsAsync([task], clock.GetUtcNow().UtcDateTime, cancellationToken))[0];
        var assignees = task.IsOpen && user.Has(Platform.Authorization.Permissions.TasksSupervise)
            ? (await db.Users.AsNoTracking().Where(u => u.InstitutionId == task.OwnerInstitutionId && !u.IsDisabled)
                .Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
                .Select(u => new AssigneeChoice(u.Id, u.DisplayName)).OrderBy(u => u.Name, StringComparer.CurrentCulture).ToList()
            : [];
        reads.Shown(WorkTask.RecordType, task.Id.ToString());
        return new TaskDetailView(view, task.Note, task.CancelReason, assignees);
    }

    private async Task<List<TaskItemView>> ViewsAsync(List<WorkTask> rows, DateTime now, CancellationToken cancellationToken)
    {
        var institutionIds = rows.Select(r => r.OwnerInstitutionId).Distinct().ToList();
        var userIds = rows.Where(r => r.AssigneeUserId is not null).Select(r => r.AssigneeUserId!.Value).Distinct().ToList();
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var institutions = (await db.Institutions.AsNoTracking().Where(i => institutionIds.Contains(i.Id)).ToListAsync(cancellationToken))
            .ToDictionary(i => i.Id, i => i.DisplayName(culture));
        var people = (await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
            .ToDictionary(u => u.Id, u => u.DisplayName);
        return [.. rows.Select(t => new TaskItemView(
            t.Id, t.Kind, localizer[kinds.TextOf(t.Kind)], t.Title, t.SubjectType, t.SubjectId, t.SubjectCode,
            t.OwnerInstitutionId, institutions.GetValueOrDefault(t.OwnerInstitutionId, ""), t.AssigneeUserId,
            t.AssigneeUserId is { } a ? people.GetValueOrDefault(a) : null,
            t.EventAt, t.AtRiskAt, t.DueAt, t.State.ToString(), t.Escalation.ToString(), t.IsOverdue(now), t.IsAtRisk(now),
            t.CreatedAt, t.ClosedAt, t.Version))];
    }
}
