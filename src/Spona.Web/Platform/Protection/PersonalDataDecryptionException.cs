namespace Spona.Web.Platform.Protection;

/// <summary>
/// A stored encrypted value could not be decrypted: altered, moved from another column, or encrypted with a key that is
/// not in the key ring. The message names the column and key id only, never plaintext or ciphertext.
/// </summary>
public sealed class PersonalDataDecryptionException : Exception
{
    public PersonalDataDecryptionException()
    {
    }

    public PersonalDataDecryptionException(string message)
        : base(message)
    {
    }

    public PersonalDataDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The key id the value names, when it names one the ring does not have.</summary>
    public string? MissingKeyId { get; init; }
}
