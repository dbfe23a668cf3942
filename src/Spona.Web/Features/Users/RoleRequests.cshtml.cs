using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Spona.Web.Features.Users;

/// <summary>Auditor, State Coordinator's office and System administrator roles that wait for a second administrator (S15), oldest first.</summary>
[Spona.Web.Platform.Audit.ReadsPersonalData("Account")]
public sealed class RoleRequestsModel(UserAdministration admin) : PageModel
{
    public IReadOnlyList<RoleGrantRequestView> Requests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Requests = await admin.PendingRoleRequestsAsync(null, cancellationToken);
}
