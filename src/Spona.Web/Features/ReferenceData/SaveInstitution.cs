using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ReferenceData;

/// <summary>
/// Creates or changes an institution, with the rules that the input's shape cannot express (unique codes, an existing
/// jurisdiction and parent, the hierarchy, concurrent edits). Used by the pages and the API alike.
/// </summary>
public sealed class SaveInstitution(AppDbContext db, ReferenceDataChanges changes)
{
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
        institution.NameCyrillic = ReferenceDataChanges.Clean(input.NameCyrillic);
        institution.NameEn = ReferenceDataChanges.Clean(input.NameEn);
        institution.Abbreviation = ReferenceDataChanges.Clean(input.Abbreviation);
        institution.Type = input.Type!.Value;
        institution.JurisdictionId = jurisdictionId.Value;
        institution.ParentId = parentId;
        institution.Address = ReferenceDataChanges.Clean(input.Address);
        institution.Email = ReferenceDataChanges.Clean(input.Email);
        institution.Phone = ReferenceDataChanges.Clean(input.Phone);
        institution.Website = ReferenceDataChanges.Clean(input.Website);
        institution.IsActive = input.IsActive;
        return await changes.SaveAsync(institution.Code, cancellationToken);
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
}
