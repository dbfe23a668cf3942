using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ReferenceData;

/// <summary>
/// What <see cref="SaveJurisdiction"/>, <see cref="SaveInstitution"/> and <see cref="SaveCodeItem"/> share: the one
/// save of a checked change under the reference-data audit operation, and the cleaning of optional text. Public only
/// because the public use cases take it in their constructors; its members are internal to the module's use cases.
/// </summary>
public sealed class ReferenceDataChanges(AppDbContext db, Platform.Audit.IAuditTrail audit)
{
    internal async Task<EditOutcome> SaveAsync(string key, CancellationToken cancellationToken)
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

    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
