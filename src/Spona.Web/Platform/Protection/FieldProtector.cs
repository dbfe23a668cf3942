using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Spona.Web.Platform.Protection;

/// <summary>
/// Authenticated encryption of single values (S8) and blind indexes. Stored form (text, ASCII):
/// <c>enc:v1:{keyId}:{base64url(nonce[12] || ciphertext || tag[16])}</c>, AES-256-GCM. The associated data binds the
/// value to its format version, key id and binding (<c>table.column</c>), so a value copied to another column, or a
/// changed key id, fails authentication. See docs/adr/0010-field-encryption.md.
/// </summary>
public sealed class FieldProtector(KeyRing keys)
{
    public const string Prefix = "enc:v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeyIdLength = 8;
    private const int HeaderLength = 7 + KeyIdLength + 1;

    public KeyRing Keys => keys;

    /// <summary>The stored length of a value of at most <paramref name="characters"/> UTF-16 characters.</summary>
    public static int CiphertextLength(int characters) => HeaderLength + Base64Url.GetEncodedLength(NonceSize + TagSize + (3 * characters));

    /// <summary>The prefix of values encrypted with <paramref name="keyId"/>, for selecting rows by key in SQL.</summary>
    public static string PrefixFor(string keyId) => Prefix + keyId + ":";

    /// <summary>The key id of a stored value, or null when the value is not in the encrypted format.</summary>
    public static string? KeyIdOf(string? stored) =>
        stored is { Length: > HeaderLength } && stored.StartsWith(Prefix, StringComparison.Ordinal) && stored[HeaderLength - 1] == ':'
            ? stored.Substring(Prefix.Length, KeyIdLength)
            : null;

    public string Encrypt(string binding, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var key = keys.ActiveKey;
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var payload = new byte[NonceSize + plain.Length + TagSize];
        var nonce = payload.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Material, TagSize))
        {
            aes.Encrypt(nonce, plain, payload.AsSpan(NonceSize, plain.Length), payload.AsSpan(NonceSize + plain.Length), AssociatedData(binding, key.Id));
        }

        CryptographicOperations.ZeroMemory(plain);
        return PrefixFor(key.Id) + Base64Url.EncodeToString(payload);
    }

    public string Decrypt(string binding, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var keyId = KeyIdOf(stored)
            ?? throw new PersonalDataDecryptionException($"A value of '{binding}' is not in the encrypted format.");
        var key = keys.Find(keyId)
            ?? throw new PersonalDataDecryptionException($"A value of '{binding}' is encrypted with key '{keyId}', which is not in the key ring (configuration key '{KeyRing.DirectoryKey}' or '{KeyRing.MaterialKey}').") { MissingKeyId = keyId };
        byte[] payload;
        try
        {
            payload = Base64Url.DecodeFromChars(stored.AsSpan(HeaderLength));
        }
        catch (FormatException ex)
        {
            throw new PersonalDataDecryptionException($"A value of '{binding}' (key '{keyId}') is damaged.", ex);
        }

        if (payload.Length < NonceSize + TagSize)
        {
            throw new PersonalDataDecryptionException($"A value of '{binding}' (key '{keyId}') is damaged.");
        }

        var cipherLength = payload.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(key.Material, TagSize);
            aes.Decrypt(payload.AsSpan(0, NonceSize), payload.AsSpan(NonceSize, cipherLength), payload.AsSpan(NonceSize + cipherLength), plain, AssociatedData(binding, keyId));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new PersonalDataDecryptionException($"A value of '{binding}' (key '{keyId}') failed authentication: it was altered, moved from another column, or encrypted with another key.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>
    /// A blind index: HMAC-SHA256 with the blind-index key over the purpose and the normalised value, truncated to 16
    /// bytes, as 32 lowercase hex digits. Equal inputs (after <see cref="Normalise"/>) give equal indexes.
    /// </summary>
    public string BlindIndex(string purpose, string value) => ComputeBlindIndex(keys.BlindIndexKey, purpose, Normalise(value));

    /// <summary>
    /// A blind index of <paramref name="value"/> of the column <paramref name="binding"/> with a named normaliser
    /// (<see cref="BlindIndexNormalisers"/>); for <c>folded-words</c>, the space-separated indexes of its words with a
    /// space before and after, so that <see cref="WordIndex"/> finds one word by <c>Contains(" " + index + " ")</c>.
    /// </summary>
    public string BlindIndex(string binding, string value, string normaliser)
    {
        var normalised = BlindIndexNormalisers.Normalise(normaliser, value);
        var purpose = BlindIndexDeclarations.Purpose(binding, normaliser);
        return normaliser == BlindIndexNormalisers.FoldedWords
            ? " " + string.Join(' ', BlindIndexNormalisers.Words(normalised).Select(w => ComputeBlindIndex(keys.BlindIndexKey, purpose, w))) + " "
            : ComputeBlindIndex(keys.BlindIndexKey, purpose, normalised);
    }

    /// <summary>The index of one folded word of <paramref name="binding"/>, as stored inside a <c>folded-words</c> index.</summary>
    public string WordIndex(string binding, string folded) =>
        ComputeBlindIndex(keys.BlindIndexKey, BlindIndexDeclarations.Purpose(binding, BlindIndexNormalisers.FoldedWords), folded);

    /// <summary>Trim, collapse inner white space, Unicode NFKC, lower case (invariant). Diacritics are kept: "Šarić" ≠ "Saric".</summary>
    public static string Normalise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalised = value.Normalize(NormalizationForm.FormKC).ToUpperInvariant().ToLowerInvariant();
        return string.Join(' ', normalised.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    internal static string ComputeBlindIndex(byte[] key, string purpose, string normalised)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"spona/blind-index/v1\n{purpose}\n{normalised}")));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    private static byte[] AssociatedData(string binding, string keyId) => Encoding.UTF8.GetBytes($"spona/field/v1\n{binding}\n{keyId}");
}
