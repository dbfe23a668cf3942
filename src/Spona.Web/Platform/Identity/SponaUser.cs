using Microsoft.AspNetCore.Identity;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Identity;

/// <summary>An account. Every account belongs to exactly one institution (domain.md 2.1).</summary>
public sealed class SponaUser : IdentityUser<Guid>
{
    [PersonalDataClassification(
        Purpose = "Identify the staff member to colleagues in the interface and in the audit trail",
        LegalBasis = "Employment relationship and the institution's public task (processing necessary to run the system)",
        Retention = "Lifetime of the account, then 5 years (the audit trail must still name who acted)")]
    [BlindIndex(nameof(DisplayNameIndex), BlindIndexNormalisers.Folded)]
    [BlindIndex(nameof(DisplayNameWords), BlindIndexNormalisers.FoldedWords)]
    public required string DisplayName { get; set; }

    /// <summary>Blind index of the whole display name, folded (Cyrillic or Latin, diacritics, case: ADR 0019).</summary>
    public string? DisplayNameIndex { get; set; }

    /// <summary>Blind indexes of each folded word of the display name, so a search by surname finds the account.</summary>
    public string? DisplayNameWords { get; set; }

    public Guid InstitutionId { get; set; }

    /// <summary>The interface language the user chose last; applied at every sign-in.</summary>
    public string? PreferredCulture { get; set; }

    public bool IsDisabled { get; set; }

    /// <summary>The user does not want notices e-mailed (ADR 0026); they still see them in Spona.</summary>
    public bool NoticeEmailsOff { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The jurisdiction whose records the user reaches beside their institution's own (record scope, S5); null means
    /// the institution's records only.
    /// </summary>
    public Guid? JurisdictionId { get; set; }

    /// <summary>The last TOTP time step accepted for this account: a code of that step or an earlier one is a replay.</summary>
    public long? LastTotpTimeStep { get; set; }
}
