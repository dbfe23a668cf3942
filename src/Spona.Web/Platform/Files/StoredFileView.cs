namespace Spona.Web.Platform.Files;

/// <summary>What the list, the metadata route and the page show of a file.</summary>
public sealed record StoredFileView(
    Guid Id, string RecordType, Guid RecordId, string FileName, string ContentType, long Size, DateTime CreatedAt, Guid CreatedById, DateTime? DeletedAt)
{
    internal static StoredFileView Of(StoredFile file) =>
        new(file.Id, file.RecordType, file.RecordId, file.FileName, file.ContentType, file.Size, file.CreatedAt, file.CreatedById, file.DeletedAt);
}

/// <summary>Why a file operation did not happen; the message is an English catalogue key.</summary>
public sealed record FileRefusal(int Status, string Message, string? Argument = null)
{
    public static readonly FileRefusal UnknownRecordType = new(StatusCodes.Status404NotFound, "Unknown record type.");
    public static readonly FileRefusal NotFound = new(StatusCodes.Status404NotFound, "No such record, or it is not within your reach.");
    public static readonly FileRefusal NoFile = new(StatusCodes.Status400BadRequest, "Choose one file to attach.");
    public static readonly FileRefusal Empty = new(StatusCodes.Status400BadRequest, "The file is empty.");
    public static readonly FileRefusal NotAllowed = new(StatusCodes.Status415UnsupportedMediaType,
        "This kind of file cannot be attached. Attach a PDF, PNG, JPEG, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) file.");

    public static readonly FileRefusal Damaged = new(StatusCodes.Status500InternalServerError,
        "The stored file is damaged and cannot be served. The administrators have been told.");

    public static FileRefusal TooLarge(long maxBytes) => new(StatusCodes.Status413PayloadTooLarge, "The file is larger than the {0} MiB allowed.",
        (maxBytes / (1024.0 * 1024.0)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The English message with its value filled in (for problem details, translated when written).</summary>
    public string Text => Argument is null ? Message : string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, Argument);
}
