using Spona.Web.Platform.Files;

namespace Spona.Web.Features.Shared;

/// <summary>
/// What the <c>_Attachments</c> partial shows: a record's files, whether the user may attach, an upload error, and the
/// local page to come back to after an upload (the record's own page; the files page when null).
/// </summary>
public sealed record AttachmentsView(string RecordType, Guid RecordId, IReadOnlyList<StoredFileView> Files, int Total, bool CanAttach, long MaxBytes, string? Error, string? ReturnTo = null)
{
    public string MaxMebibytes => (MaxBytes / (1024.0 * 1024.0)).ToString("0.##", System.Globalization.CultureInfo.CurrentCulture);

    public static string Accepted => string.Join(",", FileContentCheck.All.Select(k => k.Extension).Append(".jpeg"));
}
