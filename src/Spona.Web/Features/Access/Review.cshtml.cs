using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Access;

[Spona.Web.Platform.Audit.ReadsPersonalData("RecordAccessGrant")]
public sealed class ReviewModel(BreakGlassService service) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, 100_000)]
    public int? PageNumber { get; set; }

    public PagedResult<BreakGlassView> Result { get; private set; } = new([], 1, 50, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Result = await service.ListAsync(ModelState.IsValid ? PageNumber : null, 50, cancellationToken);
}
