using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.ReferenceData;

[Authorize(Policy = ReferenceDataPermissions.Manage)]
public sealed class CodeItemEditModel(ReferenceDataQueries queries, SaveCodeItem save, IStringLocalizer<CodeItemEditModel> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public CodeItemInput Input { get; set; } = new();

    public string ListName { get; private set; } = "";

    public bool IsNew => Code is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadListAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Code is not null)
        {
            var item = await queries.GetCodeItemAsync(Key, Code, Culture, cancellationToken);
            if (item is null)
            {
                return NotFound();
            }

            Input = new CodeItemInput
            {
                Code = item.Code,
                LabelEn = item.LabelEn,
                LabelBs = item.LabelBs,
                LabelHr = item.LabelHr,
                LabelSrLatn = item.LabelSrLatn,
                LabelSrCyrl = item.LabelSrCyrl,
                IsActive = item.IsActive,
                Version = item.Version,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadListAsync(cancellationToken))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var outcome = await save.SaveCodeItemAsync(Key, Code, Input, cancellationToken);
            if (outcome.ToPageResult(this, $"/reference/code-lists/{Key}?inactive=true", localizer) is { } result)
            {
                return result;
            }
        }

        return Page();
    }

    private static string Culture => SupportedCultures.Normalize(CultureInfo.CurrentUICulture);

    private async Task<bool> LoadListAsync(CancellationToken cancellationToken)
    {
        var list = (await queries.ListCodeListsAsync(Culture, cancellationToken)).FirstOrDefault(l => l.Key == Key);
        ListName = list?.Name ?? "";
        return list is not null;
    }
}
