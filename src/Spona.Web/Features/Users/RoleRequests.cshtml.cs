using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Spona.Web.Features.Users;

/// <summary>Auditor, State Coordinator's office and System administrator roles that wait for a second administrator (S15), oldest first.</summary>
[Spona.Web.Platform.Audit.ReadsPersonalData("Account")]
public sealed class RoleRequestsModel(UserQueries queries) : PageModel
{
    public IReadOnlyList<RoleGrantRequestView> Requests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Requests = await queries.PendingRoleRequestsAsync(null, cancellationToken);
}
