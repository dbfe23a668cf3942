using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Spona.Web.Platform.Files;

/// <summary>A kind of file that may be attached: its media type and the extension it is given when the name has none.</summary>
public sealed record FileKind(string ContentType, string Extension);

/// <summary>
/// The allow-list of attachments, decided by the content's bytes only, never by the name or the type the client sent
/// (ADR 0020): PDF, PNG, JPEG, DOCX, XLSX (a ZIP whose <c>[Content_Types].xml</c> names the main part of a
/// WordprocessingML or SpreadsheetML document, without macros) and ODT (a ZIP whose first entry <c>mimetype</c> says
/// text document). Anything else, an executable renamed <c>.pdf</c> or an ordinary ZIP included, is refused.
/// </summary>
public static class FileContentCheck
{
    public static readonly FileKind Pdf = new("application/pdf", ".pdf");
    public static readonly FileKind Png = new("image/png", ".png");
    public static readonly FileKind Jpeg = new("image/jpeg", ".jpg");
    public static readonly FileKind Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly FileKind Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
    public static readonly FileKind Odt = new("application/vnd.oasis.opendocument.text", ".odt");

    public static readonly IReadOnlyList<FileKind> All = [Pdf, Png, Jpeg, Docx, Xlsx, Odt];

    private const string DocxMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private const string XlsxMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private const int ContentTypesLimit = 1024 * 1024;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> ZipSignature => [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The kind of <paramref name="content"/>, or null when it is not on the allow-list.</summary>
    public static FileKind? Detect(ReadOnlyMemory<byte> content)
    {
        var bytes = content.Span;
        if (bytes.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (bytes.StartsWith(PngSignature))
        {
            return Png;
        }

        if (bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return Jpeg;
        }

        return bytes.StartsWith(ZipSignature) ? DetectPackage(content) : null;
    }

    private static FileKind? DetectPackage(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            if (zip.Entries.Count == 0)
            {
                return null;
            }

            // OpenDocument: the first entry, stored, is "mimetype" with the document's type (ODF 1.2 part 3, 3.3).
            if (FirstLocalEntryName(content.Span) == "mimetype")
            {
                var first = zip.Entries[0];
                return first.FullName == "mimetype" && ReadText(first, 100) == Odt.ContentType ? Odt : null;
            }

            if (zip.Entries.Any(e => e.FullName.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            var types = zip.GetEntry("[Content_Types].xml");
            if (types is null || types.Length > ContentTypesLimit)
            {
                return null;
            }

            var declared = DeclaredContentTypes(types);
            if (declared.Any(t => t.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || t.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            return declared.Contains(DocxMain) ? Docx : declared.Contains(XlsxMain) ? Xlsx : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    private static string? FirstLocalEntryName(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 30)
        {
            return null;
        }

        var nameLength = bytes[26] | (bytes[27] << 8);
        return bytes.Length >= 30 + nameLength ? Encoding.ASCII.GetString(bytes.Slice(30, nameLength)) : null;
    }

    private static string? ReadText(ZipArchiveEntry entry, int limit)
    {
        if (entry.Length > limit)
        {
            return null;
        }

        using var reader = new StreamReader(entry.Open(), Encoding.ASCII);
        var buffer = new char[limit + 1];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read);
    }

    private static HashSet<string> DeclaredContentTypes(ZipArchiveEntry entry)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = ContentTypesLimit };
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "Override" or "Default" && reader.GetAttribute("ContentType") is { } type)
            {
                found.Add(type.Trim());
            }
        }

        return found;
    }
}
