using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Files;
using Spona.Web.Platform.Tasks;

namespace Spona.Web.Features.Tasks;

[Platform.Audit.ReadsPersonalData(WorkTask.RecordTypeName)]
public sealed class DetailModel(TaskQueries queries, TaskService service, CurrentUser user, RecordFiles files, AttachFile attach, IStringLocalizer<DetailModel> localizer) : PageModel
{
    public TaskDetailView Task { get; private set; } = null!;

    /// <summary>The task's files, for those who may read files (null otherwise).</summary>
    public AttachmentsView? Attachments { get; private set; }

    public Guid? Me => user.UserId;

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public Guid? AssigneeUserId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDoneAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        await AfterAsync(id, await service.CompleteAsync(id, version, cancellationToken), "The task is done.", cancellationToken);

    public async Task<IActionResult> OnPostTakeAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        await AfterAsync(id, await service.AssignAsync(id, version, user.UserId, cancellationToken), "The task is yours.", cancellationToken);

    public async Task<IActionResult> OnPostAssignAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        await AfterAsync(id, await service.AssignAsync(id, version, AssigneeUserId, cancellationToken), "The task was assigned.", cancellationToken);

    public async Task<IActionResult> OnPostCancelAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        await AfterAsync(id, await service.CancelAsync(id, version, Reason, cancellationToken), "The task was cancelled.", cancellationToken);

    private async Task<IActionResult> AfterAsync(Guid id, TaskResult result, string notice, CancellationToken cancellationToken)
    {
        switch (result.Status)
        {
            case TaskResultStatus.Saved:
                TempData["TaskSaved"] = notice;
                return Redirect($"/tasks/{id}");
            case TaskResultStatus.NotFound:
                return NotFound();
            case TaskResultStatus.Forbidden:
                return Forbid();
            case TaskResultStatus.Conflict:
                ModelState.AddModelError(string.Empty, localizer["Someone else changed this task meanwhile. It is shown as it is now; repeat your change if it still applies."]);
                break;
            default:
                foreach (var (field, message) in result.Errors!)
                {
                    ModelState.AddModelError(field == "assigneeUserId" ? nameof(AssigneeUserId) : nameof(Reason), localizer[message]);
                }

                break;
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } task)
        {
            return false;
        }

        Task = task;
        if (user.Has(Permissions.FilesRead) && (await files.ListAsync(WorkTask.RecordTypeName, id, null, null, cancellationToken)).Files is { } list)
        {
            Attachments = new AttachmentsView(WorkTask.RecordTypeName, id, list.Items, list.Total, user.Has(Permissions.FilesAttach), attach.MaxBytes, null, $"/tasks/{id}");
        }

        return true;
    }
}
