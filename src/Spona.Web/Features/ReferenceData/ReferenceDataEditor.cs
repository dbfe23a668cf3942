using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ReferenceData;

/// <summary>
/// Creating and changing jurisdictions, institutions and code-list items, with the rules that the input's shape cannot
/// express (unique codes, existing parents, the hierarchy, concurrent edits). Used by the pages and the API alike.
/// </summary>
public sealed class ReferenceDataEditor(AppDbContext db, Platform.Audit.IAuditTrail audit)
{
    public async Task<EditOutcome> SaveJurisdictionAsync(string? existingCode, JurisdictionInput input, CancellationToken cancellationToken)
    {
        Jurisdiction? jurisdiction = null;
        if (existingCode is not null)
        {
            jurisdiction = await db.Jurisdictions.FirstOrDefaultAsync(j => j.Code == existingCode, cancellationToken);
            if (jurisdiction is null)
            {
                return EditOutcome.NotFound;
            }

            if (jurisdiction.Version != input.Version)
            {
                return EditOutcome.Conflict;
            }

            if (input.Code != jurisdiction.Code)
            {
                return EditOutcome.Invalid(nameof(input.Code), "A code cannot be changed once it exists.");
            }
        }
        else if (await db.Jurisdictions.AnyAsync(j => j.Code == input.Code, cancellationToken))
        {
            return EditOutcome.Invalid(nameof(input.Code), "This code is already used.");
        }

        var kind = input.Kind!.Value;
        if (kind == JurisdictionKind.State && await db.Jurisdictions.AnyAsync(j => j.Kind == JurisdictionKind.State && j.Id != (jurisdiction == null ? Guid.Empty : jurisdiction.Id), cancellationToken))
        {
            return EditOutcome.Invalid(nameof(input.Kind), "There is only one state.");
        }

        Guid? parentId = null;
        if (string.IsNullOrWhiteSpace(input.ParentCode))
        {
            if (kind != JurisdictionKind.State)
            {
                return EditOutcome.Invalid(nameof(input.ParentCode), "Choose the unit this one belongs to.");
            }
        }
        else
        {
            var parent = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Code == input.ParentCode, cancellationToken);
            if (parent is null)
            {
                return EditOutcome.Invalid(nameof(input.ParentCode), "The parent does not exist.");
            }

            if (!Jurisdiction.CanBeChildOf(kind, parent.Kind) || parent.Id == jurisdiction?.Id)
            {
                return EditOutcome.Invalid(nameof(input.ParentCode), "A unit of this level cannot belong to the chosen parent.");
            }

            parentId = parent.Id;
        }

        if (jurisdiction is not null)
        {
            // The levels alone do not keep the tree a tree once a unit's level changes: a unit placed under one of its
            // own units would make a cycle (and widen every jurisdiction scope inside it), and units below it must still
            // be allowed under its new level. Checked here, before anything is changed.
            if (parentId is not null && await IsJurisdictionDescendantOrSelfAsync(parentId.Value, jurisdiction.Id, cancellationToken))
            {
                return EditOutcome.Invalid(nameof(input.ParentCode), "A unit cannot be placed under itself or one of the units below it.");
            }

            var childKinds = await db.Jurisdictions.Where(j => j.ParentId == jurisdiction.Id).Select(j => j.Kind).Distinct().ToListAsync(cancellationToken);
            if (childKinds.Any(child => !Jurisdiction.CanBeChildOf(child, kind)))
            {
                return EditOutcome.Invalid(nameof(input.Kind), "Units below this one could not stay under a unit of this level; move them first.");
            }
        }

        if (jurisdiction is null)
        {
            jurisdiction = new Jurisdiction { Id = Guid.NewGuid(), Code = input.Code, Name = input.Name.Trim() };
            db.Jurisdictions.Add(jurisdiction);
        }

        jurisdiction.Kind = kind;
        jurisdiction.Rename(input.Name, input.NameCyrillic, input.NameEn);
        jurisdiction.ParentId = parentId;
        jurisdiction.IsActive = input.IsActive;
        return await SaveAsync(jurisdiction.Code, cancellationToken);
    }

    public async Task<EditOutcome> SaveInstitutionAsync(string? existingCode, InstitutionInput input, CancellationToken cancellationToken)
    {
        Institution? institution = null;
        if (existingCode is not null)
        {
            institution = await db.Institutions.FirstOrDefaultAsync(i => i.Code == existingCode, cancellationToken);
            if (institution is null)
            {
                return EditOutcome.NotFound;
            }

            if (institution.Version != input.Version)
            {
                return EditOutcome.Conflict;
            }

            if (input.Code != institution.Code)
            {
                return EditOutcome.Invalid(nameof(input.Code), "A code cannot be changed once it exists.");
            }
        }
        else if (await db.Institutions.AnyAsync(i => i.Code == input.Code, cancellationToken))
        {
            return EditOutcome.Invalid(nameof(input.Code), "This code is already used.");
        }

        var jurisdictionId = await db.Jurisdictions.Where(j => j.Code == input.JurisdictionCode).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(cancellationToken);
        if (jurisdictionId is null)
        {
            return EditOutcome.Invalid(nameof(input.JurisdictionCode), "The jurisdiction does not exist.");
        }

        Guid? parentId = null;
        if (!string.IsNullOrWhiteSpace(input.ParentCode))
        {
            parentId = await db.Institutions.Where(i => i.Code == input.ParentCode).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
            if (parentId is null)
            {
                return EditOutcome.Invalid(nameof(input.ParentCode), "The parent institution does not exist.");
            }

            if (institution is not null && await IsDescendantOrSelfAsync(parentId.Value, institution.Id, cancellationToken))
            {
                return EditOutcome.Invalid(nameof(input.ParentCode), "An institution cannot be placed under itself or one of its own units.");
            }
        }

        if (institution is null)
        {
            institution = new Institution { Id = Guid.NewGuid(), Code = input.Code, Name = input.Name };
            db.Institutions.Add(institution);
        }

        institution.Name = input.Name.Trim();
        institution.NameCyrillic = Clean(input.NameCyrillic);
        institution.NameEn = Clean(input.NameEn);
        institution.Abbreviation = Clean(input.Abbreviation);
        institution.Type = input.Type!.Value;
        institution.JurisdictionId = jurisdictionId.Value;
        institution.ParentId = parentId;
        institution.Address = Clean(input.Address);
        institution.Email = Clean(input.Email);
        institution.Phone = Clean(input.Phone);
        institution.Website = Clean(input.Website);
        institution.IsActive = input.IsActive;
        return await SaveAsync(institution.Code, cancellationToken);
    }

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
            SrCyrl = Clean(input.LabelSrCyrl),
        };
        item.IsActive = input.IsActive;
        return await SaveAsync(item.Code, cancellationToken);
    }

    private async Task<bool> IsJurisdictionDescendantOrSelfAsync(Guid candidate, Guid ancestor, CancellationToken cancellationToken)
    {
        var parents = await db.Jurisdictions.AsNoTracking().Select(j => new { j.Id, j.ParentId }).ToDictionaryAsync(j => j.Id, j => j.ParentId, cancellationToken);
        var seen = new HashSet<Guid>();
        for (Guid? current = candidate; current is not null && seen.Add(current.Value); current = parents.GetValueOrDefault(current.Value))
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<bool> IsDescendantOrSelfAsync(Guid candidate, Guid ancestor, CancellationToken cancellationToken)
    {
        var parents = await db.Institutions.AsNoTracking().Select(i => new { i.Id, i.ParentId }).ToDictionaryAsync(i => i.Id, i => i.ParentId, cancellationToken);
        for (Guid? current = candidate; current is not null; current = parents.GetValueOrDefault(current.Value))
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<EditOutcome> SaveAsync(string key, CancellationToken cancellationToken)
    {
        using var operation = audit.BeginOperation(ReferenceDataOperations.Edit.Code);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            operation.Complete();
            return EditOutcome.Done(key);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EditOutcome.Conflict;
        }
        catch (DbUpdateException)
        {
            // A parallel insert of the same code lost the race on the unique index.
            return EditOutcome.Invalid("Code", "This code is already used.");
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
