using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Web;

namespace Spona.Web.Platform.Files;

/// <summary>
/// Reads files through their record's scope: a record's list, one file's description, one file's content. A file
/// whose record the user does not reach is "not found" (ADR 0020). Each call names what it showed for the read audit.
/// </summary>
public sealed class RecordFiles(AppDbContext db, EncryptedFileStore store, RecordTypeRegistry types, IServiceProvider services, RecordReads reads, ILogger<RecordFiles> logger)
{
    public async Task<(PagedResult<StoredFileView>? Files, FileRefusal? Refusal)> ListAsync(string? recordType, Guid recordId, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!types.IsKnown(recordType))
        {
            return (null, FileRefusal.UnknownRecordType);
        }

        if (!await types.CanAccessAsync(services, recordType!, recordId, cancellationToken))
        {
            return (null, FileRefusal.NotFound);
        }

        var (number, size) = PagedResult<StoredFileView>.Normalize(page, pageSize);
        var query = db.Set<StoredFile>().AsNoTracking().Where(f => f.RecordType == recordType && f.RecordId == recordId && f.DeletedAt == null);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(f => f.CreatedAt).ThenBy(f => f.Id).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        reads.Shown(recordType!, recordId.ToString());
        reads.Shown(nameof(StoredFile), rows.Select(r => r.Id));
        return (new PagedResult<StoredFileView>([.. rows.Select(StoredFileView.Of)], number, size, total), null);
    }

    /// <summary>One file's description, if the user reaches its record (deleted files too: who deleted it and when).</summary>
    public async Task<StoredFileView?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await ReachableAsync(id, cancellationToken);
        if (file is null)
        {
            return null;
        }

        reads.Shown(nameof(StoredFile), file.Id.ToString());
        reads.Shown(file.RecordType, file.RecordId.ToString());
        return StoredFileView.Of(file);
    }

    /// <summary>The content of a file that is not deleted, authenticated as a whole before any byte is handed out.</summary>
    public async Task<(StoredFileView? File, byte[]? Content, FileRefusal? Refusal)> OpenAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await ReachableAsync(id, cancellationToken);
        if (file is null || file.DeletedAt is not null)
        {
            return (null, null, FileRefusal.NotFound);
        }

        try
        {
            var content = await store.ReadAsync(file.Id, cancellationToken);
            reads.Shown(nameof(StoredFile), file.Id.ToString());
            reads.Shown(file.RecordType, file.RecordId.ToString());
            return (StoredFileView.Of(file), content, null);
        }
        catch (FileContentDamagedException ex)
        {
            // The id and the reason only: never the name.
            logger.LogError(ex, "Stored file {FileId} cannot be served: {Reason}", file.Id, ex.Message);
            return (null, null, FileRefusal.Damaged);
        }
    }

    private async Task<StoredFile?> ReachableAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        return file is not null && types.IsKnown(file.RecordType) && await types.CanAccessAsync(services, file.RecordType, file.RecordId, cancellationToken)
            ? file
            : null;
    }
}
