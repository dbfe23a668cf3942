using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.ActionPlans;

/// <summary>The action plans one reads, filtered by level, status and text, newest period first, paged.</summary>
public sealed class IndexModel(ActionPlanQueries queries, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "level")]
    public Guid? Level { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public PlanStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    public PagedResult<PlanListItem> Result { get; private set; } = new([], 1, 20, 0);

    public IReadOnlyList<InstitutionRef> Levels { get; private set; } = [];

    public bool CanCreate => user.Has(ActionPlansPermissions.Manage);

    public async Task OnGetAsync([FromQuery(Name = "p")] int? page, CancellationToken cancellationToken)
    {
        Search = Search is { Length: > 200 } ? Search[..200] : Search;
        Levels = await queries.LevelChoicesAsync(cancellationToken);
        Result = await queries.ListPlansAsync(Level, Status, Search, page, null, cancellationToken);
    }
}
