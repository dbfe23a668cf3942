using Microsoft.Extensions.Time.Testing;
using Spona.Web.Platform.Protection;

namespace Spona.Tests.Platform.Protection;

/// <summary>AES-256-GCM field encryption and blind indexes, without a database (S8).</summary>
public sealed class FieldProtectorTests
{
    private const string Binding = "AspNetUsers.DisplayName";
    private const string Canary = "CANARY-Ωmega-4711";

    private readonly FieldProtector protector = new(KeyRing.CreateEphemeral(new FakeTimeProvider()));

    [Fact]
    public void Encrypt_ThenDecrypt_RoundTripsAndHidesThePlaintext()
    {
        var stored = protector.Encrypt(Binding, Canary);

        Assert.StartsWith(FieldProtector.PrefixFor(protector.Keys.ActiveKey.Id), stored, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", stored, StringComparison.Ordinal);
        Assert.NotEqual(stored, protector.Encrypt(Binding, Canary));
        Assert.Equal(Canary, protector.Decrypt(Binding, stored));
        Assert.Equal("", protector.Decrypt(Binding, protector.Encrypt(Binding, "")));
        Assert.True(stored.Length <= FieldProtector.CiphertextLength(Canary.Length));
    }

    [Fact]
    public void Decrypt_FlippedByte_IsRejectedWithoutLeakingData()
    {
        var stored = protector.Encrypt(Binding, Canary);
        for (var position = FieldProtector.PrefixFor("00000000").Length; position < stored.Length; position += 7)
        {
            var chars = stored.ToCharArray();
            chars[position] = chars[position] == 'A' ? 'B' : 'A';
            var altered = new string(chars);

            var ex = Assert.Throws<PersonalDataDecryptionException>(() => protector.Decrypt(Binding, altered));
            Assert.DoesNotContain(Canary, ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(altered[16..], ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Decrypt_ValueFromAnotherColumn_IsRejected()
    {
        var stored = protector.Encrypt("AspNetUsers.PhoneNumber", Canary);

        var ex = Assert.Throws<PersonalDataDecryptionException>(() => protector.Decrypt(Binding, stored));
        Assert.Contains(Binding, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_ChangedKeyIdOrPlaintext_IsRejected()
    {
        var stored = protector.Encrypt(Binding, Canary);
        var otherId = protector.Keys.ActiveKey.Id == "00000000" ? "11111111" : "00000000";

        var unknown = Assert.Throws<PersonalDataDecryptionException>(() => protector.Decrypt(Binding, stored.Replace(protector.Keys.ActiveKey.Id, otherId, StringComparison.Ordinal)));
        Assert.Contains(otherId, unknown.Message, StringComparison.Ordinal);
        Assert.Equal(otherId, unknown.MissingKeyId);
        Assert.Throws<PersonalDataDecryptionException>(() => protector.Decrypt(Binding, Canary));
    }

    [Fact]
    public void Decrypt_WithAnotherKeyRing_IsRejectedNamingTheKey()
    {
        var stored = protector.Encrypt(Binding, Canary);
        var other = new FieldProtector(KeyRing.CreateEphemeral(new FakeTimeProvider()));

        var ex = Assert.Throws<PersonalDataDecryptionException>(() => other.Decrypt(Binding, stored));

        Assert.Contains(protector.Keys.ActiveKey.Id, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlindIndex_EqualInputsMatch_DifferentKeysOrPurposesDiffer()
    {
        var index = protector.BlindIndex("People.Email", "ana.anic@example.test");

        Assert.Matches("^[0-9a-f]{32}$", index);
        Assert.Equal(index, protector.BlindIndex("People.Email", "  ANA.ANIC@example.test "));
        Assert.NotEqual(index, protector.BlindIndex("People.Email", "ana.anic2@example.test"));
        Assert.NotEqual(index, protector.BlindIndex("People.Phone", "ana.anic@example.test"));
        Assert.NotEqual(index, new FieldProtector(KeyRing.CreateEphemeral(new FakeTimeProvider())).BlindIndex("People.Email", "ana.anic@example.test"));
    }

    [Fact]
    public void Normalise_TrimsCaseFoldsComposesAndKeepsDiacritics()
    {
        Assert.Equal("šarić ana", FieldProtector.Normalise("  S\u030Carić   ANA "));
        Assert.NotEqual(FieldProtector.Normalise("Šarić"), FieldProtector.Normalise("Saric"));
    }
}
