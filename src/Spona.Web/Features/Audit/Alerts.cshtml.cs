using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Audit;

namespace Spona.Web.Features.Audit;

[Spona.Web.Platform.Audit.ReadsPersonalData("Account")]
public sealed class AlertsModel(InsiderAlerts alerts, IOptions<AlertOptions> options) : PageModel
{
    public IReadOnlyList<InsiderAlert> Alerts { get; private set; } = [];

    public AlertOptions Settings => options.Value;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Alerts = await alerts.CurrentAsync(cancellationToken);
}
