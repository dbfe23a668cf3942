using System.Security.Cryptography;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// SHA-256 of small inputs on a hash context kept per thread. The audit trail hashes three short inputs per entry
/// (the entry, its RFC 6962 leaf, a tree node); a one-shot <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>
/// sets up and tears down a fresh context each time, which costs more than hashing 64 bytes. The result is the same
/// SHA-256.
/// </summary>
internal static class Sha256Scratch
{
    [ThreadStatic]
    private static IncrementalHash? context;

    public static void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = context ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            hash.AppendData(data);
            hash.GetHashAndReset(destination);
        }
        catch
        {
            // A context left holding part of an input would corrupt every later hash on this thread: drop it.
            context = null;
            hash.Dispose();
            throw;
        }
    }
}
