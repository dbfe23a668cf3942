using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Audit;

[Spona.Web.Platform.Audit.ReadsPersonalData("Account")]
public sealed class IndexModel(AuditQueries queries, Platform.Web.SealedQuery sealedQuery, AuditOperationTypes operationTypes) : PageModel
{
    /// <summary>
    /// A user id travels in the URL as it is; an e-mail address or another label is posted by the form and carried sealed
    /// (<c>as</c>), never in clear (S9).
    /// </summary>
    [BindProperty(SupportsGet = true)]
    [StringLength(AuditFilter.MaxTextLength)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "as")]
    [StringLength(4096)]
    public string? SealedActor { get; set; }

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

    [BindProperty(SupportsGet = true, Name = "op")]
    [StringLength(AuditOperationType.MaxCodeLength)]
    public string? OperationType { get; set; }

    [BindProperty(SupportsGet = true, Name = "operation")]
    public Guid? OperationId { get; set; }

    /// <summary>The declared operation types, for the filter.</summary>
    public IReadOnlyCollection<AuditOperationType> OperationTypes => operationTypes.All;

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

    /// <summary>The filter form posts here and is sent on to a URL in which a typed actor is sealed.</summary>
    public IActionResult OnPost()
    {
        if (!ModelState.IsValid)
        {
            return Redirect("/audit");
        }

        var actor = Actor?.Trim();
        var isId = Guid.TryParse(actor, out _);
        var query = new Dictionary<string, string?>
        {
            ["actor"] = isId ? actor : null,
            ["as"] = !isId && !string.IsNullOrEmpty(actor) ? sealedQuery.Seal(actor) : null,
            ["action"] = AuditAction,
            ["type"] = EntityType,
            ["key"] = EntityKey,
            ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["outcome"] = Outcome?.ToString(),
            ["op"] = OperationType,
            ["operation"] = OperationId?.ToString(),
        };
        return Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/audit", query.Where(q => !string.IsNullOrEmpty(q.Value))));
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Only an id is believed from the URL; a clear label there is ignored, so no link can carry an address.
        Actor = Guid.TryParse(Actor, out _) ? Actor : sealedQuery.Open(SealedActor);
        if (!ModelState.IsValid)
        {
            Actor = AuditAction = EntityType = EntityKey = null;
            From = To = null;
            Outcome = null;
            OperationType = null;
            OperationId = null;
            PageNumber = null;
        }

        Result = await queries.ListAsync(new AuditFilter(Actor, AuditAction, EntityType, EntityKey, From, To, Outcome, OperationType, OperationId), PageNumber, 50, cancellationToken);
    }
}
