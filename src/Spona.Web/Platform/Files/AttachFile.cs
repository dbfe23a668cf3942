using System.Security.Claims;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Files;

/// <summary>
/// Attaches one file to a record the user reaches (ADR 0020): the record type must be registered and the user must
/// reach the record (else "not found", which does not tell whether it exists); the content must be non-empty, within
/// <c>Files:MaxBytes</c> and on the allow-list by its bytes. Only then is the content encrypted to the store and the
/// row written; a refusal stores nothing, and a failed save removes the content it wrote.
/// </summary>
public sealed class AttachFile(
    AppDbContext db, EncryptedFileStore store, RecordTypeRegistry types, IServiceProvider services, RecordReads reads, TimeProvider clock, IOptions<FilesOptions> options)
{
    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>Whether the user may attach to (and list) this record; refusal is unknown type or not found.</summary>
    public async Task<FileRefusal?> CheckRecordAsync(string? recordType, Guid recordId, CancellationToken cancellationToken)
    {
        if (!types.IsKnown(recordType))
        {
            return FileRefusal.UnknownRecordType;
        }

        return await types.CanAccessAsync(services, recordType!, recordId, cancellationToken) ? null : FileRefusal.NotFound;
    }

    public async Task<(StoredFileView? File, FileRefusal? Refusal)> AttachAsync(
        string? recordType, Guid recordId, IFormFile? upload, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await CheckRecordAsync(recordType, recordId, cancellationToken) is { } refused)
        {
            return (null, refused);
        }

        if (upload is null)
        {
            return (null, FileRefusal.NoFile);
        }

        if (upload.Length == 0)
        {
            return (null, FileRefusal.Empty);
        }

        if (upload.Length > MaxBytes)
        {
            return (null, FileRefusal.TooLarge(MaxBytes));
        }

        var content = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        try
        {
            var kind = FileContentCheck.Detect(content);
            if (kind is null)
            {
                return (null, FileRefusal.NotAllowed);
            }

            var file = new StoredFile
            {
                Id = Guid.NewGuid(),
                RecordType = recordType!,
                RecordId = recordId,
                FileName = FileNames.Sanitise(upload.FileName, kind.Extension),
                ContentType = kind.ContentType,
                Size = content.Length,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                CreatedById = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Attaching needs a signed-in account.")),
            };
            file.KeyId = await store.WriteAsync(file.Id, content, cancellationToken);
            try
            {
                db.Add(file);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                store.Delete(file.Id);
                throw;
            }

            reads.Shown(nameof(StoredFile), file.Id.ToString());
            return (StoredFileView.Of(file), null);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(content);
        }
    }
}
