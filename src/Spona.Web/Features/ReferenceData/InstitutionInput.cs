using System.ComponentModel.DataAnnotations;
using Spona.Web.Platform.Organisations;

namespace Spona.Web.Features.ReferenceData;

public sealed class InstitutionInput
{
    [Required(ErrorMessage = "Enter a code.")]
    [RegularExpression("^[A-Z0-9][A-Z0-9-]{1,63}$", ErrorMessage = "The code may contain capital letters A–Z, digits and hyphens (2 to 64 characters).")]
    [Display(Name = "Code")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(300, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [StringLength(300, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Name (Cyrillic script)")]
    public string? NameCyrillic { get; set; }

    [StringLength(300, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Name in English")]
    public string? NameEn { get; set; }

    [StringLength(50, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Abbreviation")]
    public string? Abbreviation { get; set; }

    [Required(ErrorMessage = "Choose a type.")]
    [Display(Name = "Type")]
    public InstitutionType? Type { get; set; }

    [Required(ErrorMessage = "Choose a jurisdiction.")]
    [StringLength(64)]
    [Display(Name = "Jurisdiction")]
    public string JurisdictionCode { get; set; } = "";

    [StringLength(64)]
    [Display(Name = "Parent institution")]
    public string? ParentCode { get; set; }

    [StringLength(300, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Address")]
    public string? Address { get; set; }

    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(254)]
    [Display(Name = "E-mail address")]
    public string? Email { get; set; }

    [StringLength(50, ErrorMessage = "The text can have at most {1} characters.")]
    [RegularExpression(@"^[0-9 +()/-]{3,50}$", ErrorMessage = "Enter a telephone number with digits, spaces and + ( ) / - only.")]
    [Display(Name = "Telephone")]
    public string? Phone { get; set; }

    [StringLength(300, ErrorMessage = "The text can have at most {1} characters.")]
    [Url(ErrorMessage = "Enter a web address starting with https:// or http://.")]
    [Display(Name = "Website")]
    public string? Website { get; set; }

    [Display(Name = "Active")]
    public bool IsActive { get; set; } = true;

    public int Version { get; set; }
}
