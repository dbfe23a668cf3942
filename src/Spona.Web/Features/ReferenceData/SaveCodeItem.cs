using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ReferenceData;

/// <summary>
/// Creates or changes an item of a code list, with the rules that the input's shape cannot express (an existing list,
/// unique codes, concurrent edits). Used by the pages and the API alike.
/// </summary>
public sealed class SaveCodeItem(AppDbContext db, ReferenceDataChanges changes)
{
    public async Task<EditOutcome> SaveCodeItemAsync(string listKey, string? existingCode, CodeItemInput input, CancellationToken cancellationToken)
    {
        var listId = await db.CodeLists.Where(l => l.Key == listKey).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken);
        if (listId is null)
        {
            return EditOutcome.NotFound;
        }

        CodeItem? item = null;
        if (existingCode is not null)
        {
            item = await db.CodeItems.FirstOrDefaultAsync(i => i.CodeListId == listId && i.Code == existingCode, cancellationToken);
            if (item is null)
            {
                return EditOutcome.NotFound;
            }

            if (item.Version != input.Version)
            {
                return EditOutcome.Conflict;
            }

            if (input.Code != item.Code)
            {
                return EditOutcome.Invalid(nameof(input.Code), "A code cannot be changed once it exists.");
            }
        }
        else if (await db.CodeItems.AnyAsync(i => i.CodeListId == listId && i.Code == input.Code, cancellationToken))
        {
            return EditOutcome.Invalid(nameof(input.Code), "This code is already used.");
        }

        if (item is null)
        {
            var order = await db.CodeItems.Where(i => i.CodeListId == listId).CountAsync(cancellationToken);
            item = new CodeItem { Id = Guid.NewGuid(), CodeListId = listId.Value, Code = input.Code, SortOrder = order };
            db.CodeItems.Add(item);
        }

        item.Label = new LocalizedText
        {
            En = input.LabelEn.Trim(),
            Bs = input.LabelBs.Trim(),
            Hr = input.LabelHr.Trim(),
            SrLatn = input.LabelSrLatn.Trim(),
            SrCyrl = ReferenceDataChanges.Clean(input.LabelSrCyrl),
        };
        item.IsActive = input.IsActive;
        return await changes.SaveAsync(item.Code, cancellationToken);
    }
}
