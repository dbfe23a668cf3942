using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Spona.Web.Platform.Configuration;

namespace Spona.Web.Platform.Protection;

/// <summary>A 256-bit data-encryption key. Retired keys only decrypt; exactly one key is active.</summary>
public sealed record DataKey(string Id, DateTimeOffset Created, KeyStatus Status, byte[] Material);

public enum KeyStatus
{
    Active,
    Retired,
}

/// <summary>
/// The keys that protect personal data, kept outside the database (S8; docs/security-keys.md): data-encryption keys
/// (AES-256-GCM) and one separate blind-index key (HMAC-SHA256). Loaded from <c>Keys:Material</c> / <c>SPONA_KEYS</c>
/// (base64 JSON) or from the folder <c>Keys:Directory</c> (default <c>{DataDirectory}/keys</c>), which is created
/// with mode 0700 and a key file with mode 0600 on first start. One instance per host: tests that run many hosts in
/// one process each get their own ring.
/// </summary>
public sealed partial class KeyRing
{
    public const string DirectoryKey = "Keys:Directory";
    public const string MaterialKey = "Keys:Material";
    public const string EnvironmentVariable = "SPONA_KEYS";
    public const string FileName = "keyring.json";

    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly Lock gate = new();
    private readonly TimeProvider clock;
    private State state;
    private DateTimeOffset lastFreshnessCheck;

    private KeyRing(State state, string? filePath, TimeProvider clock)
    {
        this.state = state;
        FilePath = filePath;
        this.clock = clock;
        lastFreshnessCheck = clock.GetUtcNow();
    }

    /// <summary>The key file, or null when the keys come from configuration (then they cannot be rotated here).</summary>
    public string? FilePath { get; }

    public DataKey ActiveKey
    {
        get
        {
            RefreshIfStale();
            lock (gate)
            {
                return state.Data.Single(k => k.Status == KeyStatus.Active);
            }
        }
    }

    public IReadOnlyList<DataKey> DataKeys
    {
        get
        {
            lock (gate)
            {
                return state.Data;
            }
        }
    }

    internal byte[] BlindIndexKey
    {
        get
        {
            lock (gate)
            {
                return state.BlindIndex.Material;
            }
        }
    }

    public string BlindIndexKeyId
    {
        get
        {
            lock (gate)
            {
                return state.BlindIndex.Id;
            }
        }
    }

    /// <summary>Loads the ring as configured; creates a new one in the key folder on first start.</summary>
    public static KeyRing Load(IConfiguration configuration, string dataDirectory, TimeProvider clock)
    {
        var material = configuration[MaterialKey];
        if (string.IsNullOrWhiteSpace(material))
        {
            material = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }

        if (!string.IsNullOrWhiteSpace(material))
        {
            try
            {
                return new KeyRing(Parse(Convert.FromBase64String(material.Trim())), null, clock);
            }
            catch (FormatException ex)
            {
                throw new StartupConfigurationException($"Configuration key '{MaterialKey}' (or {EnvironmentVariable}) is not base64 of a key-ring JSON document ({ex.Message}).", ex);
            }
        }

        var configured = configuration[DirectoryKey];
        var directory = string.IsNullOrWhiteSpace(configured) ? Path.Combine(dataDirectory, "keys") : Path.GetFullPath(configured.Trim(), dataDirectory);
        return LoadDirectory(directory, clock);
    }

    public static KeyRing LoadDirectory(string directory, TimeProvider clock)
    {
        var file = Path.Combine(directory, FileName);
        try
        {
            if (!Directory.Exists(directory))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(directory);
                }
                else
                {
                    Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            CheckPermissions(directory, isDirectory: true);
            if (!File.Exists(file))
            {
                var created = NewState(clock.GetUtcNow());
                // Created exclusively: when two instances start at once, the second reads the first one's ring.
                TryWriteNew(file, Serialize(created));
            }

            CheckPermissions(file, isDirectory: false);
            return new KeyRing(Parse(File.ReadAllBytes(file)), file, clock);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupConfigurationException(
                $"Configuration key '{DirectoryKey}' points to '{directory}', whose key file cannot be created or read ({ex.GetType().Name}).", ex);
        }
    }

    /// <summary>A ring that is not stored anywhere (tests, benchmarks).</summary>
    public static KeyRing CreateEphemeral(TimeProvider clock) => new(NewState(clock.GetUtcNow()), null, clock);

    /// <summary>The ring as base64 JSON, the format of <c>SPONA_KEYS</c>.</summary>
    public string Export()
    {
        lock (gate)
        {
            return Convert.ToBase64String(Serialize(state));
        }
    }

    /// <summary>The key with <paramref name="id"/>; re-reads the key file once when the id is unknown (a rotation by another process).</summary>
    public DataKey? Find(string id)
    {
        lock (gate)
        {
            var key = state.Data.FirstOrDefault(k => k.Id == id);
            if (key is not null || FilePath is null)
            {
                return key;
            }
        }

        Reload();
        lock (gate)
        {
            return state.Data.FirstOrDefault(k => k.Id == id);
        }
    }

    /// <summary>Adds a new active key and retires the previous one; persists the ring atomically. Returns the new key.</summary>
    public DataKey Rotate()
    {
        if (FilePath is null)
        {
            throw new InvalidOperationException($"The keys come from '{MaterialKey}' ({EnvironmentVariable}); rotate them where that value is kept, or use a key folder.");
        }

        lock (gate)
        {
            var onDisk = Parse(File.ReadAllBytes(FilePath));
            var key = new DataKey(NewId(onDisk.Data.Select(k => k.Id)), clock.GetUtcNow(), KeyStatus.Active, RandomNumberGenerator.GetBytes(32));
            var next = onDisk with { Data = [.. onDisk.Data.Select(k => k with { Status = KeyStatus.Retired }), key] };
            var temporary = FilePath + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + ".tmp";
            TryWriteNew(temporary, Serialize(next));
            File.Move(temporary, FilePath, overwrite: true);
            state = next;
            return key;
        }
    }

    private void RefreshIfStale()
    {
        if (FilePath is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (now - lastFreshnessCheck < TimeSpan.FromSeconds(30))
        {
            return;
        }

        lastFreshnessCheck = now;
        Reload();
    }

    private void Reload()
    {
        try
        {
            var fresh = Parse(File.ReadAllBytes(FilePath!));
            lock (gate)
            {
                // Never forget a key this process knows: a reload only adds keys and follows the active one.
                var known = fresh.Data.Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
                state = fresh with { Data = [.. fresh.Data, .. state.Data.Where(k => !known.Contains(k.Id)).Select(k => k with { Status = KeyStatus.Retired })] };
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StartupConfigurationException)
        {
            // Keep the keys already loaded; the next use tries again.
        }
    }

    private static void CheckPermissions(string path, bool isDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOther) != 0)
        {
            var octal = Convert.ToString((int)mode, 8);
            throw new StartupConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"The key {(isDirectory ? "folder" : "file")} '{path}' (configuration key '{DirectoryKey}') is accessible to group or others (mode {octal}); run: chmod {(isDirectory ? "700" : "600")} '{path}'."));
        }
    }

    private static void TryWriteNew(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(path) && !path.EndsWith(".tmp", StringComparison.Ordinal))
        {
            // Another instance created it first.
        }
    }

    private static State NewState(DateTimeOffset now) => new(
        [new DataKey(NewId([]), now, KeyStatus.Active, RandomNumberGenerator.GetBytes(32))],
        new DataKey(NewId([]), now, KeyStatus.Active, RandomNumberGenerator.GetBytes(32)));

    private static string NewId(IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        string id;
        do
        {
            id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        }
        while (used.Contains(id));
        return id;
    }

    private static byte[] Serialize(State state) => JsonSerializer.SerializeToUtf8Bytes(
        new KeyRingDocument(1, [.. state.Data.Select(ToDocument)], ToDocument(state.BlindIndex)), Json);

    private static KeyDocument ToDocument(DataKey key) => new(key.Id, key.Created, key.Status, Convert.ToBase64String(key.Material));

    private static State Parse(byte[] json)
    {
        KeyRingDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<KeyRingDocument>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new StartupConfigurationException($"The key ring is not valid JSON (line {ex.LineNumber}); check '{DirectoryKey}' or '{MaterialKey}'.", ex);
        }

        if (document?.DataKeys is not { Count: > 0 } || document.BlindIndexKey is null)
        {
            throw new StartupConfigurationException($"The key ring has no data keys or no blind-index key; check '{DirectoryKey}' or '{MaterialKey}'.");
        }

        var keys = document.DataKeys.Select(ToKey).ToList();
        if (keys.Count(k => k.Status == KeyStatus.Active) != 1 || keys.Select(k => k.Id).Distinct(StringComparer.Ordinal).Count() != keys.Count)
        {
            throw new StartupConfigurationException($"The key ring must have exactly one active data key and unique key ids; check '{DirectoryKey}' or '{MaterialKey}'.");
        }

        return new State(keys, ToKey(document.BlindIndexKey));
    }

    private static DataKey ToKey(KeyDocument document)
    {
        byte[] material;
        try
        {
            material = Convert.FromBase64String(document.Key ?? "");
        }
        catch (FormatException ex)
        {
            throw new StartupConfigurationException($"Key '{document.Id}' in the key ring is not base64.", ex);
        }

        if (document.Id is null || !KeyIdPattern().IsMatch(document.Id) || material.Length != 32)
        {
            throw new StartupConfigurationException($"Key '{document.Id}' in the key ring needs an id of 8 hexadecimal digits and 32 bytes of key material.");
        }

        return new DataKey(document.Id, document.Created, document.Status, material);
    }

    [GeneratedRegex("^[0-9a-f]{8}$", RegexOptions.CultureInvariant)]
    internal static partial Regex KeyIdPattern();

    private sealed record State(IReadOnlyList<DataKey> Data, DataKey BlindIndex);

    private sealed record KeyRingDocument(int Version, List<KeyDocument>? DataKeys, KeyDocument? BlindIndexKey);

    private sealed record KeyDocument(string? Id, DateTimeOffset Created, KeyStatus Status, string? Key);
}
