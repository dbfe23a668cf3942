using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Files;

namespace Spona.Web.Features.Files;

/// <summary>
/// The attachments of any record: its files (download links go to the API's content route, which audits the read)
/// and, for those who may attach, the upload form. A record's own page includes the same <c>_Attachments</c> partial.
/// </summary>
[ReadsPersonalData(nameof(StoredFile))]
public sealed class RecordModel(RecordFiles files, AttachFile attach, IStringLocalizer<RecordModel> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [StringLength(StoredFile.RecordTypeLength)]
    public string RecordType { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public Guid RecordId { get; set; }

    public AttachmentsView Attachments { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "p")] int? page, CancellationToken cancellationToken) =>
        await ShowAsync(page, null, cancellationToken);

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, string? returnTo, CancellationToken cancellationToken)
    {
        if (!RolePermissions.Allows(User, Permissions.FilesAttach))
        {
            return Forbid();
        }

        var (stored, refusal) = await attach.AttachAsync(RecordType, RecordId, file, User, cancellationToken);
        if (stored is not null)
        {
            // Back to the record's own page when it sent one (a local path only: never an open redirect).
            return Redirect(IsLocalPath(returnTo) ? returnTo! : $"/files/record/{Uri.EscapeDataString(RecordType)}/{RecordId}");
        }

        if (refusal!.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        var message = refusal.Argument is null ? localizer[refusal.Message] : localizer[refusal.Message, refusal.Argument];
        ModelState.AddModelError("file", message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShowAsync(null, message, cancellationToken);
    }

    internal static bool IsLocalPath(string? path) =>
        path is { Length: > 1 and <= 300 } && path[0] == '/' && path[1] is not ('/' or '\\') && !path.Contains("://", StringComparison.Ordinal)
        && !path.Any(char.IsControl);

    private async Task<IActionResult> ShowAsync(int? page, string? error, CancellationToken cancellationToken)
    {
        // An unknown record type and a record out of reach look the same: not found.
        var (list, _) = await files.ListAsync(RecordType, RecordId, page, null, cancellationToken);
        if (list is null)
        {
            return NotFound();
        }

        Attachments = new AttachmentsView(RecordType, RecordId, list.Items, list.Total, RolePermissions.Allows(User, Permissions.FilesAttach), attach.MaxBytes, error);
        return Page();
    }
}
