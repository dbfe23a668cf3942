using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;

namespace Spona.Web.Features.Audit;

public sealed class IndexModel(AuditQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [StringLength(AuditFilter.MaxTextLength)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    [StringLength(64)]
    public string? AuditAction { get; set; }

    [BindProperty(SupportsGet = true, Name = "type")]
    [StringLength(128)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true, Name = "key")]
    [StringLength(AuditFilter.MaxTextLength)]
    public string? EntityKey { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public AuditOutcome? Outcome { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, 100_000)]
    public int? PageNumber { get; set; }

    public PagedResult<AuditEntryView> Result { get; private set; } = new([], 1, 50, 0);

    public static IReadOnlyList<string> KnownActions { get; } =
    [
        AuditActions.EntityCreated, AuditActions.EntityUpdated, AuditActions.EntityDeleted, AuditActions.RecordRead,
        AuditActions.SignInSucceeded, AuditActions.SignInFailed, AuditActions.SignOut, AuditActions.TokenUsed,
        AuditActions.BreakGlass, AuditActions.Export,
    ];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Actor = AuditAction = EntityType = EntityKey = null;
            From = To = null;
            Outcome = null;
            PageNumber = null;
        }

        Result = await queries.ListAsync(new AuditFilter(Actor, AuditAction, EntityType, EntityKey, From, To, Outcome), PageNumber, 50, cancellationToken);
    }
}
