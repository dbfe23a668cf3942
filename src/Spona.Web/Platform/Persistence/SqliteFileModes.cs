using System.Globalization;
using Microsoft.Data.Sqlite;
using Spona.Web.Platform.Configuration;

namespace Spona.Web.Platform.Persistence;

/// <summary>
/// The SQLite database and its companions (<c>-wal</c>, <c>-shm</c>, <c>-journal</c>) are readable by the service
/// account only (S8: the file holds ciphertext, but also blind indexes, the audit trail and account metadata). SQLite
/// creates its companion files with the database file's mode, so creating that file <c>0600</c> before SQLite first
/// opens it is enough for new databases; the folder that holds it is made <c>0700</c>.
/// Files and folder left readable by an older version are tightened at start rather than refused: they are
/// Spona's own files, made with the default umask before this rule existed, and refusing would stop every upgrade in
/// place for no gain. A folder that others may write to (such as <c>/tmp</c>) is refused, because anyone could
/// replace or delete the database's files there.
/// </summary>
internal static class SqliteFileModes
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly string[] Companions = ["-wal", "-shm", "-journal"];

    /// <summary>A file or folder whose mode was tightened: its path and its mode before (octal).</summary>
    public sealed record Tightened(string Path, string PreviousMode);

    /// <summary>
    /// Makes the database's folder owner-only and creates the database file owner-only if missing; tightens what is
    /// readable by group or others. Call before the first connection opens. Returns what was tightened (to log).
    /// </summary>
    public static IReadOnlyList<Tightened> Secure(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        // In-memory databases and URI file names have no single file of ours to protect.
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(dataSource) || dataSource.StartsWith(':') || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var file = Path.GetFullPath(dataSource);
        var folder = Path.GetDirectoryName(file)!;
        var tightened = new List<Tightened>();
        try
        {
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder, OwnerFolder);
            }

            var folderMode = File.GetUnixFileMode(folder);
            if ((folderMode & UnixFileMode.OtherWrite) != 0)
            {
                throw new StartupConfigurationException(string.Create(CultureInfo.InvariantCulture,
                    $"The database folder '{folder}' (configuration keys '{SponaSettings.DataDirectoryKey}' and '{SponaSettings.ConnectionStringKey}') can be written by others (mode {Octal(folderMode)}); give the database a folder of its own."));
            }

            Tighten(folder, folderMode, OwnerFolder, tightened);
            CreateOwnerOnly(file);
            foreach (var path in Companions.Select(suffix => file + suffix).Prepend(file))
            {
                if (File.Exists(path))
                {
                    Tighten(path, File.GetUnixFileMode(path), OwnerFile, tightened);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"The database '{file}' (configuration key '{SponaSettings.ConnectionStringKey}') cannot be restricted to the service account ({ex.GetType().Name}); run Spona as the owner of its files, or: chmod 700 '{folder}' && chmod 600 '{file}'*."),
                ex);
        }

        return tightened;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Tighten(string path, UnixFileMode mode, UnixFileMode wanted, List<Tightened> tightened)
    {
        if ((mode & GroupOrOther) == 0)
        {
            return;
        }

        File.SetUnixFileMode(path, (mode & ~GroupOrOther) | wanted);
        tightened.Add(new Tightened(path, Octal(mode)));
    }

    /// <summary>An empty file is a valid empty SQLite database; SQLite then keeps its mode and gives it to the companions.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreateOwnerOnly(string file)
    {
        if (File.Exists(file))
        {
            return;
        }

        try
        {
            using var stream = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerFile });
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another instance or process created it first; its mode is checked next.
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8);
}
