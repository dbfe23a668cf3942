using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ReferenceData;

/// <summary>
/// Creates or changes a jurisdiction, with the rules that the input's shape cannot express (unique codes, one state,
/// an existing parent of a fitting level, the hierarchy stays a tree, concurrent edits). Used by the pages and the API alike.
/// </summary>
public sealed class SaveJurisdiction(AppDbContext db, ReferenceDataChanges changes)
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
        return await changes.SaveAsync(jurisdiction.Code, cancellationToken);
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
}
