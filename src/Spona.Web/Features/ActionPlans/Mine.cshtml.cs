using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.ActionPlans;

/// <summary>"My activities" and "My reports due" of the reader's institution.</summary>
public sealed class MineModel(ActionPlanQueries queries) : PageModel
{
    public PagedResult<ActivityListItem> Activities { get; private set; } = new([], 1, 20, 0);

    public IReadOnlyList<ReportDueItem> Due { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "p")] int? page, CancellationToken cancellationToken)
    {
        Due = await queries.MyReportsDueAsync(cancellationToken);
        Activities = await queries.MyActivitiesAsync(page, null, cancellationToken);
    }
}
