namespace Spona.Web.Platform.Files;

/// <summary>Attachments, configuration section <c>Files</c>.</summary>
public sealed class FilesOptions
{
    public const string Section = "Files";
    public const string DirectoryKey = "Files:Directory";
    public const string MaxBytesKey = "Files:MaxBytes";

    /// <summary>The largest file accepted at all (the upload is held in memory while it is checked, never on disk in clear).</summary>
    public const long Ceiling = 256L * 1024 * 1024;

    /// <summary>Where the encrypted contents are kept; default <c>{DataDirectory}/files</c>. Relative paths are under the data folder.</summary>
    public string? Directory { get; set; }

    /// <summary>The largest file accepted, in bytes (default 20 MiB).</summary>
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>What a request that carries one file may weigh: the file and the form around it.</summary>
    public long RequestLimit => MaxBytes + (1024 * 1024);
}
