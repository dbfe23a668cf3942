using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Configuration;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Files;

/// <summary>A stored content that failed authentication (changed, truncated, or under a key the ring does not hold).</summary>
public sealed class FileContentDamagedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Keeps attachment contents outside the database, each encrypted (S8, ADR 0020). Format of a blob:
/// <c>"SPNF" | version 1 | key id (8 ASCII) | salt (32) | base nonce (12)</c>, then segments of 64 KiB of plaintext,
/// each AES-256-GCM with its own 16-byte tag. The file's key is HKDF-SHA256 of the key ring's data key with the
/// file's random salt and its id; a segment's nonce is the base nonce with the segment number in its last four bytes,
/// and its associated data is the header, the file id, the segment number and whether it is the last, so segments
/// cannot be moved, dropped, truncated or swapped between files without failing. Written to a temporary name and
/// renamed, so a reader never sees half a blob. The whole content is checked before any byte is handed out.
/// </summary>
public sealed class EncryptedFileStore
{
    public const int SegmentSize = 64 * 1024;
    private const int TagSize = 16;
    private const int SaltSize = 32;
    private const int NonceSize = 12;
    private const int KeyIdLength = 8;
    private const byte Version = 1;
    private const int HeaderSize = 4 + 1 + KeyIdLength + SaltSize + NonceSize;
    private static readonly byte[] Magic = "SPNF"u8.ToArray();
    private static readonly byte[] Info = "spona-file-v1"u8.ToArray();

    private readonly KeyRing keys;

    public EncryptedFileStore(KeyRing keys, SponaSettings settings, IOptions<FilesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        this.keys = keys;
        Directory = ResolveDirectory(options.Value.Directory, settings.DataDirectory);
        EnsureDirectory();
    }

    /// <summary>The folder that holds the blobs.</summary>
    public string Directory { get; }

    public static string ResolveDirectory(string? configured, string dataDirectory) =>
        string.IsNullOrWhiteSpace(configured) ? Path.Combine(dataDirectory, "files") : Path.GetFullPath(configured.Trim(), dataDirectory);

    /// <summary>Creates the folder (owner only) if it is missing; a folder that cannot be written stops the start.</summary>
    private void EnsureDirectory()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new StartupConfigurationException($"Configuration key '{FilesOptions.DirectoryKey}' points to '{Directory}', which cannot be created ({ex.GetType().Name}).", ex);
        }
    }

    public string PathOf(Guid fileId) => Path.Combine(Directory, fileId.ToString("N")[..2], fileId.ToString("N") + ".bin");

    /// <summary>Encrypts <paramref name="content"/> under the active key and stores it; returns the key id used.</summary>
    public async Task<string> WriteAsync(Guid fileId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var key = keys.ActiveKey;
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        header[4] = Version;
        Encoding.ASCII.GetBytes(key.Id, header.AsSpan(5, KeyIdLength));
        RandomNumberGenerator.Fill(header.AsSpan(5 + KeyIdLength, SaltSize + NonceSize));
        var path = PathOf(fileId);
        var folder = Path.GetDirectoryName(path)!;
        EnsureFolder(folder);
        var temporary = Path.Combine(folder, $"{fileId:N}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp");
        var fileKey = DeriveKey(key.Material, header, fileId);
        try
        {
            await using (var stream = new FileStream(temporary, CreateOptions()))
            {
                await stream.WriteAsync(header, cancellationToken);
                using var aes = new AesGcm(fileKey, TagSize);
                var count = SegmentCount(content.Length);
                var output = new byte[SegmentSize + TagSize];
                for (var segment = 0; segment < count; segment++)
                {
                    var plain = content.Slice(segment * SegmentSize, Math.Min(SegmentSize, content.Length - (segment * SegmentSize)));
                    aes.Encrypt(Nonce(header, segment), plain.Span, output.AsSpan(0, plain.Length), output.AsSpan(plain.Length, TagSize),
                        AssociatedData(header, fileId, segment, segment == count - 1));
                    await stream.WriteAsync(output.AsMemory(0, plain.Length + TagSize), cancellationToken);
                }

                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
            return key.Id;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fileKey);
        }
    }

    /// <summary>The whole content, authenticated; throws <see cref="FileContentDamagedException"/> if any part fails.</summary>
    public async Task<byte[]> ReadAsync(Guid fileId, CancellationToken cancellationToken)
    {
        byte[] stored;
        try
        {
            stored = await File.ReadAllBytesAsync(PathOf(fileId), cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileContentDamagedException($"The content of file {fileId} is missing from '{FilesOptions.DirectoryKey}'.", ex);
        }

        if (stored.Length < HeaderSize + TagSize || !stored.AsSpan(0, 4).SequenceEqual(Magic) || stored[4] != Version)
        {
            throw new FileContentDamagedException($"The content of file {fileId} is not in the stored format.");
        }

        var header = stored.AsSpan(0, HeaderSize).ToArray();
        var keyId = Encoding.ASCII.GetString(header, 5, KeyIdLength);
        var key = keys.Find(keyId) ?? throw new FileContentDamagedException($"The content of file {fileId} is encrypted with key '{keyId}', which is not in the key ring.");
        var body = stored.AsSpan(HeaderSize);
        var count = (body.Length + SegmentSize + TagSize - 1) / (SegmentSize + TagSize);
        var lastCipher = body.Length - ((count - 1) * (SegmentSize + TagSize));
        if (lastCipher < TagSize)
        {
            throw new FileContentDamagedException($"The content of file {fileId} is truncated.");
        }

        var plain = new byte[((count - 1) * SegmentSize) + lastCipher - TagSize];
        var fileKey = DeriveKey(key.Material, header, fileId);
        try
        {
            using var aes = new AesGcm(fileKey, TagSize);
            for (var segment = 0; segment < count; segment++)
            {
                var cipher = body.Slice(segment * (SegmentSize + TagSize), segment == count - 1 ? lastCipher : SegmentSize + TagSize);
                var length = cipher.Length - TagSize;
                aes.Decrypt(Nonce(header, segment), cipher[..length], cipher[length..], plain.AsSpan(segment * SegmentSize, length),
                    AssociatedData(header, fileId, segment, segment == count - 1));
            }

            return plain;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            CryptographicOperations.ZeroMemory(plain);
            throw new FileContentDamagedException($"The content of file {fileId} failed authentication: it was changed or damaged.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fileKey);
        }
    }

    /// <summary>Destroys the content (its salt with it, so no copy of the blob can be decrypted with the ring alone).</summary>
    public void Delete(Guid fileId)
    {
        var path = PathOf(fileId);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static int SegmentCount(int length) => Math.Max(1, (length + SegmentSize - 1) / SegmentSize);

    private static byte[] DeriveKey(byte[] material, byte[] header, Guid fileId)
    {
        var info = new byte[Info.Length + 16];
        Info.CopyTo(info, 0);
        fileId.TryWriteBytes(info.AsSpan(Info.Length));
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, header.AsSpan(5 + KeyIdLength, SaltSize).ToArray(), info);
    }

    private static byte[] Nonce(byte[] header, int segment)
    {
        var nonce = header.AsSpan(5 + KeyIdLength + SaltSize, NonceSize).ToArray();
        var counter = BinaryPrimitives.ReadUInt32BigEndian(nonce.AsSpan(8)) ^ (uint)segment;
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), counter);
        return nonce;
    }

    private static byte[] AssociatedData(byte[] header, Guid fileId, int segment, bool last)
    {
        var data = new byte[HeaderSize + 16 + 4 + 1];
        header.CopyTo(data, 0);
        fileId.TryWriteBytes(data.AsSpan(HeaderSize));
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(HeaderSize + 16), segment);
        data[^1] = last ? (byte)1 : (byte)0;
        return data;
    }

    private static void EnsureFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(folder);
        }
        else
        {
            System.IO.Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static FileStreamOptions CreateOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
