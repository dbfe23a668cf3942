using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Audit;

/// <summary>Who has seen or changed one record: every entry about it, newest first.</summary>
[Spona.Web.Platform.Audit.ReadsPersonalData("Account")]
public sealed class RecordModel(AuditQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "type")]
    [Required]
    [StringLength(128)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true, Name = "key")]
    [Required]
    [StringLength(AuditFilter.MaxTextLength)]
    public string? EntityKey { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, 100_000)]
    public int? PageNumber { get; set; }

    public PagedResult<AuditEntryView> Result { get; private set; } = new([], 1, 50, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        Result = await queries.ListAsync(new AuditFilter(EntityType: EntityType, EntityKey: EntityKey), PageNumber, 50, cancellationToken);
        return Page();
    }
}
