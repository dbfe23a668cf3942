using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Files;

/// <summary>
/// Deletes a file with a reason: the row stays (who, when, why; audited), the content is destroyed once the row is
/// saved. Only a user who reaches the file's record may do it; anyone else is told it is not found.
/// </summary>
public sealed class DeleteFile(AppDbContext db, EncryptedFileStore store, RecordTypeRegistry types, IServiceProvider services, TimeProvider clock)
{
    public const int MinimumReasonLength = 10;

    public static readonly FileRefusal ReasonRequired = new(StatusCodes.Status400BadRequest, "State why the file is deleted, in 10 to 500 characters.");

    public async Task<FileRefusal?> DeleteAsync(Guid id, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var file = await db.Set<StoredFile>().FirstOrDefaultAsync(f => f.Id == id && f.DeletedAt == null, cancellationToken);
        if (file is null || !types.IsKnown(file.RecordType) || !await types.CanAccessAsync(services, file.RecordType, file.RecordId, cancellationToken))
        {
            return FileRefusal.NotFound;
        }

        reason = reason?.Trim() ?? "";
        if (reason.Length is < MinimumReasonLength or > StoredFile.ReasonLength)
        {
            return ReasonRequired;
        }

        file.Delete(Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!), reason, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        store.Delete(file.Id);
        return null;
    }
}
