using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Tasks;

/// <summary>
/// Moves open tasks up the escalation ladder as their times pass, each step once: at risk → the responsible person
/// (or, unassigned, the institution's task workers); overdue → them and the institution's supervisors; long overdue
/// (the rule's <see cref="DeadlineRule.HeadAfterDue"/>, by default a day) → the head of the institution. Runs as a
/// system job: it reaches every institution's tasks through the named <see cref="ScopeOptOut.SystemJob"/> opt-out,
/// and the notices it sends carry only the task's reference and link.
/// </summary>
public sealed class TaskEscalator(AppDbContext db, TaskKindRegistry kinds, Notifier notifier, TimeProvider clock, ILogger<TaskEscalator> logger)
{
    public const int BatchSize = 200;

    public static readonly NotificationKind AtRisk = new("task.at-risk", Localization.Localizable.Text("A task is close to its deadline."));
    public static readonly NotificationKind Overdue = new("task.overdue", Localization.Localizable.Text("A task is overdue."));
    public static readonly NotificationKind Escalated = new("task.escalated", Localization.Localizable.Text("An overdue task of your institution was escalated to you."));

    /// <summary>Escalates every task whose next step has come; returns how many tasks moved.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var moved = 0;
        // Each phase selects in SQL only tasks whose next step has come, so a batch is never wasted on tasks that must
        // wait and a step takes the task out of its phase: paging is "the first batch again" until a short one.
        foreach (var phase in Phases(now))
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await phase.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(BatchSize).ToListAsync(cancellationToken);
                foreach (var task in batch)
                {
                    await StepAsync(task, now, cancellationToken);
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    moved += batch.Count;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another run or a person changed one of these tasks meanwhile; the next run sees them afresh.
                    logger.LogInformation("Task escalation met a concurrent change; the batch is retried on the next run.");
                    db.ChangeTracker.Clear();
                    return moved;
                }

                db.ChangeTracker.Clear();
                if (batch.Count < BatchSize)
                {
                    break;
                }
            }
        }

        return moved;
    }

    /// <summary>
    /// The open tasks due for a step: first at risk or overdue, then to the head, one query per head delay that the
    /// declared kinds use (tasks of an undeclared kind take the default delay).
    /// </summary>
    private IEnumerable<IQueryable<WorkTask>> Phases(DateTime now)
    {
        var open = db.Set<WorkTask>().WithoutScope(ScopeOptOut.SystemJob).Where(t => t.State == WorkTaskState.Open);
        yield return open.Where(t => (t.Escalation == EscalationLevel.None && ((t.AtRiskAt != null && t.AtRiskAt <= now) || t.DueAt <= now))
            || (t.Escalation == EscalationLevel.AtRisk && t.DueAt <= now));
        var declared = kinds.All.Select(k => k.Code).ToList();
        foreach (var group in kinds.All.GroupBy(HeadDelay))
        {
            var codes = group.Select(k => k.Code).ToList();
            var dueBefore = now - group.Key;
            if (group.Key == DeadlineRule.DefaultHeadAfterDue)
            {
                yield return open.Where(t => t.Escalation == EscalationLevel.Overdue && t.DueAt <= dueBefore && (codes.Contains(t.Kind) || !declared.Contains(t.Kind)));
            }
            else
            {
                yield return open.Where(t => t.Escalation == EscalationLevel.Overdue && t.DueAt <= dueBefore && codes.Contains(t.Kind));
            }
        }

        if (!kinds.All.Any(k => HeadDelay(k) == DeadlineRule.DefaultHeadAfterDue))
        {
            var dueBefore = now - DeadlineRule.DefaultHeadAfterDue;
            yield return open.Where(t => t.Escalation == EscalationLevel.Overdue && t.DueAt <= dueBefore && !declared.Contains(t.Kind));
        }
    }

    private static TimeSpan HeadDelay(TaskKind kind) => kind.Rule?.HeadAfterDue ?? DeadlineRule.DefaultHeadAfterDue;

    private TimeSpan HeadDelay(string kind) => kinds.Find(kind) is { } declared ? HeadDelay(declared) : DeadlineRule.DefaultHeadAfterDue;

    private EscalationLevel? Next(WorkTask task, DateTime now) => task.Escalation switch
    {
        EscalationLevel.None or EscalationLevel.AtRisk when task.DueAt <= now => EscalationLevel.Overdue,
        EscalationLevel.None when task.AtRiskAt is { } risk && risk <= now => EscalationLevel.AtRisk,
        EscalationLevel.Overdue when task.DueAt + HeadDelay(task.Kind) <= now => EscalationLevel.Head,
        _ => null,
    };

    private async Task StepAsync(WorkTask task, DateTime now, CancellationToken cancellationToken)
    {
        // The phase's query chose it; the same rule in memory guards against a row that changed meanwhile.
        if (Next(task, now) is not { } level)
        {
            return;
        }

        var reference = TaskService.Reference(task);
        var link = TaskService.Link(task);
        var recipients = new HashSet<Guid>();
        if (level is EscalationLevel.AtRisk or EscalationLevel.Overdue)
        {
            if (task.AssigneeUserId is { } assignee && await IsActiveAsync(assignee, cancellationToken))
            {
                recipients.Add(assignee);
            }
            else
            {
                recipients.UnionWith(await InstitutionUsersAsync(task.OwnerInstitutionId, RolePermissions.RolesWith(Permissions.TasksWork), cancellationToken));
            }
        }

        foreach (var recipient in recipients)
        {
            notifier.Notify(recipient, level == EscalationLevel.AtRisk ? AtRisk : Overdue, reference, link);
        }

        var escalateTo = level switch
        {
            EscalationLevel.Overdue => await InstitutionUsersAsync(task.OwnerInstitutionId, [Roles.Supervisor], cancellationToken),
            EscalationLevel.Head => await InstitutionUsersAsync(task.OwnerInstitutionId, [Roles.InstitutionHead], cancellationToken),
            _ => [],
        };
        foreach (var recipient in escalateTo.Where(r => !recipients.Contains(r)))
        {
            notifier.Notify(recipient, Escalated, reference, link);
        }

        task.Escalation = level;
    }

    private Task<bool> IsActiveAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == userId && !u.IsDisabled, cancellationToken);

    private async Task<List<Guid>> InstitutionUsersAsync(Guid institutionId, IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        var names = roles.ToList();
        return await db.Users.AsNoTracking()
            .Where(u => u.InstitutionId == institutionId && !u.IsDisabled)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && names.Contains(r.Name!))))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
    }
}
