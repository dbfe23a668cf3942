using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Spona.Web.Platform.Protection;

/// <summary>
/// Encrypts ASP.NET data-protection keys (the cookie keys kept in the database) with the field key ring, so the
/// database alone holds no usable cookie key. The stored element is <c>&lt;encryptedKey&gt;enc:v1:…&lt;/encryptedKey&gt;</c>.
/// </summary>
public sealed class DataProtectionKeyEncryptor(FieldProtector protector) : IXmlEncryptor
{
    internal const string Binding = "DataProtectionKeys.Xml";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var element = new XElement("encryptedKey", protector.Encrypt(Binding, plaintextElement.ToString(SaveOptions.DisableFormatting)));
        return new EncryptedXmlInfo(element, typeof(DataProtectionKeyDecryptor));
    }
}

/// <summary>Activated by the data-protection system from the type name in the stored XML.</summary>
public sealed class DataProtectionKeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var protector = services.GetRequiredService<FieldProtector>();
        return XElement.Parse(protector.Decrypt(DataProtectionKeyEncryptor.Binding, encryptedElement.Value));
    }
}
