using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.Users;

[Spona.Web.Platform.Audit.ReadsPersonalData("Account")]
public sealed class DetailModel(
    UserQueries queries, ChangeUserRoles changeRoles, DisableAccount disable, ResetSecondFactor resetSecondFactor, UnlockAccount unlock, DecideRoleRequest decide,
    IssueActivationLink activationLink, IStringLocalizer<DetailModel> localizer) : PageModel, Platform.Errors.IShowRuleViolations
{
    public UserView Account { get; private set; } = null!;

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    /// <summary>Why the roles change; required, kept encrypted with the audit operation (ADR 0022).</summary>
    [BindProperty]
    [System.ComponentModel.DataAnnotations.StringLength(Platform.Audit.AuditOperationType.MaxReasonLength)]
    public string? Reason { get; set; }

    public string? Notice { get; private set; }

    public string? ActivationUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostRolesAsync(Guid id, CancellationToken cancellationToken) =>
        ApplyAsync(id, changeRoles.SetRolesAsync(id, Roles, Reason, User, cancellationToken), Localizable.Text("The roles were saved. The person's sessions have ended."), cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken cancellationToken) =>
        ApplyAsync(id, disable.SetDisabledAsync(id, true, User, cancellationToken), Localizable.Text("The account is disabled. Its sessions have ended."), cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken) =>
        ApplyAsync(id, disable.SetDisabledAsync(id, false, User, cancellationToken), Localizable.Text("The account is enabled again."), cancellationToken);

    public Task<IActionResult> OnPostResetSecondFactorAsync(Guid id, CancellationToken cancellationToken) =>
        ApplyAsync(id, resetSecondFactor.ResetSecondFactorAsync(id, User, cancellationToken), Localizable.Text("The second factor was removed. The person sets up a new one at their next sign-in."), cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken cancellationToken) =>
        ApplyAsync(id, unlock.UnlockAsync(id, User, cancellationToken), Localizable.Text("The account is unlocked. The person can sign in again."), cancellationToken);

    public Task<IActionResult> OnPostApproveRoleAsync(Guid id, Guid request, CancellationToken cancellationToken) =>
        ApplyAsync(id, decide.ApproveRoleAsync(request, User, cancellationToken, id), Localizable.Text("The role was approved and is in effect. The person's sessions have ended."), cancellationToken);

    public Task<IActionResult> OnPostRejectRoleAsync(Guid id, Guid request, CancellationToken cancellationToken) =>
        ApplyAsync(id, decide.RejectRoleAsync(request, User, cancellationToken, id), Localizable.Text("The role request was refused."), cancellationToken);

    public async Task<IActionResult> OnPostActivationLinkAsync(Guid id, CancellationToken cancellationToken)
    {
        var (outcome, link) = await activationLink.NewActivationLinkAsync(id, User, UsersModule.DeliveryFor(Request), cancellationToken);
        var done = link is { Emailed: true }
            ? Localizable.Text("A new link to set a password was made and is being e-mailed to the person; it works once, for three days.")
            : Localizable.Text("A new link to set a password was made. Give it to the person; it works once, for three days.");
        var result = await ApplyAsync(id, Task.FromResult(outcome), done, cancellationToken);
        if (outcome.Status == EditStatus.Done)
        {
            ActivationUrl = link!.Url;
        }

        return result;
    }

    private async Task<IActionResult> ApplyAsync(Guid id, Task<EditOutcome> change, string done, CancellationToken cancellationToken)
    {
        var outcome = await change;
        if (outcome.Status == EditStatus.NotFound)
        {
            return NotFound();
        }

        ModelState.Clear();
        if (outcome.Status == EditStatus.Done)
        {
            Notice = localizer[done];
            Reason = null;
        }
        else
        {
            outcome.AddTo(ModelState, "Input", localizer);
        }

        await LoadAsync(id, cancellationToken);
        if (outcome.Status != EditStatus.Done)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> ShowAgainAsync(CancellationToken cancellationToken) =>
        Guid.TryParse(RouteData.Values["id"] as string, out var id) && await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(id, cancellationToken) is not { } account)
        {
            return false;
        }

        Account = account;
        // A pending role stays ticked: saving the form again must not withdraw the request.
        Roles = [.. account.Roles, .. account.PendingRoles.Select(p => p.Role)];
        return true;
    }
}
