using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Features.Strategy;
using Spona.Web.Features.Tasks;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Home;

/// <summary>The start page: one's open tasks and the strategy's goals, through the Tasks and Strategy modules' contracts.</summary>
[Authorize(Policy = StrategyPermissions.Read)]
[Platform.Audit.ReadsPersonalData(Platform.Tasks.WorkTask.RecordTypeName)]
public sealed class IndexModel(StrategyGoalSummaries goals, TaskQueries tasks, Platform.Access.CurrentUser user) : PageModel
{
    public const int TaskCount = 5;

    /// <summary>My open tasks, overdue first; null for a role without tasks.</summary>
    public PagedResult<TaskItemView>? MyTasks { get; private set; }

    public IReadOnlyList<GoalSummary> Goals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var list = await goals.ListAsync(cancellationToken);
        if (user.Has(Permissions.TasksWork))
        {
            MyTasks = await tasks.MineOpenAsync(TaskCount, cancellationToken);
        }

        Goals = list;
    }
}
