using System.IO.Compression;
using System.Text;

namespace Spona.Tests.Platform.Files;

/// <summary>Minimal real files of each kind, built here (no binary fixtures), and the look-alikes that must be refused.</summary>
internal static class TestFiles
{
    public const string DocxMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    public const string XlsxMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    public const string DocmMain = "application/vnd.ms-word.document.macroEnabled.main+xml";

    public static byte[] Pdf(string text = "synthetic") => Encoding.ASCII.GetBytes(
        $"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% {text}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Png() =>
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
        0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public static byte[] Docx() => OpenXml(DocxMain, "word/document.xml");

    public static byte[] Xlsx() => OpenXml(XlsxMain, "xl/workbook.xml");

    public static byte[] Docm() => OpenXml(DocmMain, "word/document.xml");

    public static byte[] Odt() => Zip(("mimetype", "application/vnd.oasis.opendocument.text", true), ("content.xml", "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>", false));

    public static byte[] PlainZip() => Zip(("notes.txt", "synthetic notes", false));

    /// <summary>A Windows executable's start ("MZ", the DOS stub's message) given a .pdf name by the test.</summary>
    public static byte[] Executable() => [.. "MZ"u8.ToArray(), 0x90, 0x00, 0x03, .. new byte[58], .. "This program cannot be run in DOS mode."u8.ToArray()];

    private static byte[] OpenXml(string mainType, string mainPart) => Zip(
        ("[Content_Types].xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Override PartName=\"/{mainPart}\" ContentType=\"{mainType}\"/></Types>", false),
        ("_rels/.rels", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"{mainPart}\"/></Relationships>", false),
        (mainPart, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><root/>", false));

    private static byte[] Zip(params (string Name, string Text, bool Stored)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text, stored) in entries)
            {
                var entry = zip.CreateEntry(name, stored ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        return stream.ToArray();
    }
}
