using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.ReferenceData;

public sealed class IndexModel(ReferenceDataQueries queries) : PageModel
{
    public int Jurisdictions { get; private set; }

    public int Institutions { get; private set; }

    public IReadOnlyList<ReferenceDataQueries.CodeListView> CodeLists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var culture = SupportedCultures.Normalize(CultureInfo.CurrentUICulture);
        Jurisdictions = (await queries.AllJurisdictionsAsync(culture, cancellationToken)).Count;
        Institutions = (await queries.AllInstitutionsAsync(culture, cancellationToken)).Count;
        CodeLists = await queries.ListCodeListsAsync(culture, cancellationToken);
    }
}
