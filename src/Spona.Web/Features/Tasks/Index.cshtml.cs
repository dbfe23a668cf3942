using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Tasks;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Tasks;

[Platform.Audit.ReadsPersonalData(WorkTask.RecordTypeName)]
public sealed class IndexModel(TaskQueries queries, TaskKindRegistry kinds, CurrentUser user) : PageModel
{
    public PagedResult<TaskItemView> Result { get; private set; } = null!;

    public TaskView View { get; private set; }

    public string? ViewName { get; private set; }

    public TaskStateFilter State { get; private set; }

    public TaskSort Sort { get; private set; }

    public string? Kind { get; private set; }

    public bool CanSupervise => user.Has(Permissions.TasksSupervise);

    public IReadOnlyList<TaskKind> Kinds => [.. kinds.All.OrderBy(k => k.Code, StringComparer.Ordinal)];

    public async Task<IActionResult> OnGetAsync(string? view, string? state, string? kind, string? sort, [FromQuery(Name = "p")] int? page, CancellationToken cancellationToken)
    {
        var parsedView = view == "overdue" ? TaskView.Overdue : TaskEndpoints.TryView(view);
        var parsedState = TaskEndpoints.TryState(state);
        var parsedSort = TaskEndpoints.TrySort(sort);
        if (parsedView is null || parsedState is null || parsedSort is null || (!string.IsNullOrEmpty(kind) && kinds.Find(kind) is null))
        {
            // An edited address: show the default list rather than an error page.
            return Redirect("/tasks");
        }

        if (parsedView == TaskView.Overdue && !CanSupervise)
        {
            return Forbid();
        }

        (View, ViewName, State, Sort, Kind) = (parsedView.Value, view, parsedState.Value, parsedSort.Value, string.IsNullOrEmpty(kind) ? null : kind);
        Result = await queries.ListAsync(View, View == TaskView.Overdue ? TaskStateFilter.Open : State, Kind, Sort, page, null, cancellationToken);
        return Page();
    }
}
