using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Files;

/// <summary>
/// A file attached to a scoped record (a decision, a scan, evidence). The row holds what describes the file; the content
/// is kept outside the database, encrypted (<see cref="EncryptedFileStore"/>), and whoever reaches the record reaches
/// its files and nobody else (ADR 0020). A deleted file keeps its row (who, when, why) and loses its content.
/// </summary>
public sealed class StoredFile : IAudited
{
    public const int RecordTypeLength = 64;
    public const int FileNameLength = 120;
    public const int ContentTypeLength = 100;
    public const int ReasonLength = 500;

    public Guid Id { get; set; }

    [AuditValue]
    public string RecordType { get; set; } = "";

    [AuditValue]
    public Guid RecordId { get; set; }

    /// <summary>The name as given by the uploader, sanitised (<see cref="FileNames"/>). A name often names a person.</summary>
    [PersonalDataClassification(
        Purpose = "Let the people who work on a record recognise an attached document",
        LegalBasis = "The legal basis of the record the file belongs to",
        Retention = "As long as the record it belongs to",
        Sensitivity = DataSensitivity.SpecialCategory)]
    public string FileName { get; set; } = "";

    /// <summary>The type found in the content's bytes (never the client's word).</summary>
    [AuditValue]
    public string ContentType { get; set; } = "";

    [AuditValue]
    public long Size { get; set; }

    /// <summary>The key-ring data key the content's key was derived from; kept so that rotation leaves the file readable.</summary>
    [AuditValue]
    public string KeyId { get; set; } = "";

    [AuditValue]
    public DateTime CreatedAt { get; set; }

    [AuditValue]
    public Guid CreatedById { get; set; }

    [AuditValue]
    public DateTime? DeletedAt { get; set; }

    [AuditValue]
    public Guid? DeletedById { get; set; }

    /// <summary>Why the file was deleted; free text, so it may name a person.</summary>
    [PersonalDataClassification(
        Purpose = "Account for the deletion of a document attached to a record",
        LegalBasis = "Accountability of processing (personal data protection law, security of processing)",
        Retention = "As long as the record it belongs to",
        Sensitivity = DataSensitivity.SpecialCategory)]
    public string? DeletionReason { get; set; }

    public void Delete(Guid by, string reason, DateTime now)
    {
        if (DeletedAt is not null)
        {
            throw new Errors.DomainRuleViolation("file.already-deleted", "The file has already been deleted.");
        }

        DeletedAt = now;
        DeletedById = by;
        DeletionReason = reason;
    }
}
