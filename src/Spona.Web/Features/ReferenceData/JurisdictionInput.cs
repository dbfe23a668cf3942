using System.ComponentModel.DataAnnotations;
using Spona.Web.Platform.Organisations;

namespace Spona.Web.Features.ReferenceData;

public sealed class JurisdictionInput
{
    [Required(ErrorMessage = "Enter a code.")]
    [RegularExpression("^[A-Z0-9][A-Z0-9-]{1,63}$", ErrorMessage = "The code may contain capital letters A–Z, digits and hyphens (2 to 64 characters).")]
    [Display(Name = "Code")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Choose a level.")]
    [Display(Name = "Level")]
    public JurisdictionKind? Kind { get; set; }

    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(200, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Name (Latin script)")]
    public string Name { get; set; } = "";

    [StringLength(200, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Name (Cyrillic script)")]
    public string? NameCyrillic { get; set; }

    [StringLength(200, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Name in English")]
    public string? NameEn { get; set; }

    [StringLength(64)]
    [Display(Name = "Parent")]
    public string? ParentCode { get; set; }

    [Display(Name = "Active")]
    public bool IsActive { get; set; } = true;

    /// <summary>The version the editor started from (optimistic concurrency); ignored when creating.</summary>
    public int Version { get; set; }
}
