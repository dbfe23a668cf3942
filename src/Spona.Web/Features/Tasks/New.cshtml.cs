using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Tasks;

namespace Spona.Web.Features.Tasks;

[Platform.Audit.ReadsPersonalData("Account")]
public sealed class NewModel(TaskService service, AppDbContext db, CurrentUser user, Platform.Audit.RecordReads reads, IStringLocalizer<NewModel> localizer) : PageModel
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public DateTime? Due { get; set; }

    [BindProperty]
    public Guid? AssigneeUserId { get; set; }

    public string DueText => Due is { } due ? due.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    public IReadOnlyList<AssigneeChoice> People { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadPeopleAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // A value the browser could not send as a date and time.
            ModelState.Remove(nameof(Due));
            ModelState.AddModelError(nameof(Due), localizer["Give the due date and time."]);
            await LoadPeopleAsync(cancellationToken);
            return Page();
        }

        var input = new TaskInput { Title = Title, Note = Note, DueAt = Due is { } due ? LocalTime.FromLocal(due) : null, AssigneeUserId = AssigneeUserId };
        var result = await service.CreateAsync(input, cancellationToken);
        if (result.Status == TaskResultStatus.Saved)
        {
            TempData["TaskSaved"] = "The task was created.";
            return Redirect($"/tasks/{result.Task!.Id}");
        }

        if (result.Status == TaskResultStatus.NotFound)
        {
            return NotFound();
        }

        foreach (var (field, message) in result.Errors ?? new Dictionary<string, string>())
        {
            var key = field switch { "dueAt" => nameof(Due), "assigneeUserId" => nameof(AssigneeUserId), "note" => nameof(Note), _ => nameof(Title) };
            ModelState.AddModelError(key, localizer[message]);
        }

        await LoadPeopleAsync(cancellationToken);
        return Page();
    }

    private async Task LoadPeopleAsync(CancellationToken cancellationToken)
    {
        var institution = user.InstitutionId ?? Guid.Empty;
        var people = await db.Users.AsNoTracking().Where(u => u.InstitutionId == institution && !u.IsDisabled)
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        People = [.. people.Select(p => new AssigneeChoice(p.Id, p.DisplayName)).OrderBy(p => p.Name, StringComparer.CurrentCulture)];
        reads.Shown("Account", people.Select(p => p.Id));
    }
}
