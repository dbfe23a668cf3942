using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Strategy;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Home;

[Authorize(Policy = StrategyPermissions.Read)]
[Platform.Audit.ReadsPersonalData(Platform.Tasks.WorkTask.RecordTypeName)]
public sealed class IndexModel(AppDbContext db, Tasks.TaskQueries tasks, Platform.Access.CurrentUser user) : PageModel
{
    public const int TaskCount = 5;

    /// <summary>My open tasks, overdue first; null for a role without tasks.</summary>
    public Shared.PagedResult<Tasks.TaskItemView>? MyTasks { get; private set; }

    public IReadOnlyList<GoalSummary> Goals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var goals = await db.StrategyGoals.AsNoTracking().OrderBy(g => g.SortOrder).ToListAsync(cancellationToken);
        var counts = await db.StrategyMeasures.AsNoTracking().GroupBy(m => m.GoalId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        if (user.Has(Permissions.TasksWork))
        {
            MyTasks = await tasks.MineOpenAsync(TaskCount, cancellationToken);
        }

        Goals = [.. goals.Select(g => new GoalSummary(g.Number, g.Title.ForCurrentCulture(), counts.GetValueOrDefault(g.Id)))];
    }

    public sealed record GoalSummary(string Number, string Title, int Measures);
}
