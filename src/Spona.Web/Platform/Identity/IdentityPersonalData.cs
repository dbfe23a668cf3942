using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Identity;

/// <summary>
/// Classification (S14) and encryption (S8) of the account properties that ASP.NET Identity declares. E-mail and user
/// name stay unencrypted because Identity finds accounts by equality on them (ADR 0010); the phone number and the
/// display name (attribute on <see cref="SponaUser"/>) are encrypted.
/// </summary>
internal sealed class SponaUserPersonalDataConfiguration : IEntityTypeConfiguration<SponaUser>
{
    private const string Account = "Lifetime of the account, then 5 years (the audit trail must still name who acted)";
    private const string Employment = "Employment relationship and the institution's public task (processing necessary to run the system)";

    public void Configure(EntityTypeBuilder<SponaUser> builder)
    {
        var signIn = new DataClassification("Sign the staff member in and reach them about their account", Employment, Account, Encrypted: false);
        builder.Property(u => u.Id).IsPersonalData(new DataClassification("Link the account to its roles, sessions and audit entries", Employment, Account, Encrypted: false));
        builder.Property(u => u.UserName).IsPersonalData(signIn);
        builder.Property(u => u.NormalizedUserName).IsPersonalData(signIn);
        builder.Property(u => u.Email).IsPersonalData(signIn);
        builder.Property(u => u.NormalizedEmail).IsPersonalData(signIn);
        builder.Property(u => u.EmailConfirmed).IsPersonalData(signIn);
        builder.Property(u => u.PhoneNumber).IsPersonalData(new DataClassification("Reach the staff member about their account", Employment, Account));
        builder.Property(u => u.PhoneNumberConfirmed).IsPersonalData(signIn);
        builder.Property(u => u.TwoFactorEnabled).IsPersonalData(new DataClassification("Require the second sign-in factor (S1)", Employment, Account, Encrypted: false));
    }
}

/// <summary>Authenticator keys and recovery codes: secrets, encrypted (S1, S8).</summary>
internal sealed class UserTokenPersonalDataConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> builder) =>
        builder.Property(t => t.Value).IsPersonalData(new DataClassification(
            "Verify the staff member's second sign-in factor (authenticator key, recovery codes)",
            "Security of processing (data protection law, art. on security; GDPR art. 32 equivalent)",
            "Until the factor is reset or the account is deleted",
            DataSensitivity.Secret));
}

/// <summary>External sign-in identifiers and claims: personal data, not encrypted because Identity looks them up by equality.</summary>
internal sealed class UserLoginPersonalDataConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> builder) =>
        builder.Property(l => l.ProviderKey).IsPersonalData(new DataClassification(
            "Sign the staff member in through their institution's identity provider",
            "Employment relationship and the institution's public task (processing necessary to run the system)",
            "Until the external sign-in is removed or the account is deleted",
            Encrypted: false));
}

/// <summary>See <see cref="UserLoginPersonalDataConfiguration"/>.</summary>
internal sealed class UserClaimPersonalDataConfiguration : IEntityTypeConfiguration<IdentityUserClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> builder) =>
        builder.Property(c => c.ClaimValue).IsPersonalData(new DataClassification(
            "Attributes of the account used for authorisation",
            "Employment relationship and the institution's public task (processing necessary to run the system)",
            "Lifetime of the account",
            Encrypted: false));
}
