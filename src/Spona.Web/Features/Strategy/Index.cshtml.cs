using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.Strategy;

public sealed class IndexModel(StrategyCatalogue catalogue) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    [StringLength(200)]
    public string? Search { get; set; }

    public StrategyCatalogue.StrategyTree? Tree { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var search = ModelState.IsValid ? Search : null;
        Tree = await catalogue.GetTreeAsync(SupportedCultures.Normalize(CultureInfo.CurrentUICulture), search, cancellationToken);
    }
}
