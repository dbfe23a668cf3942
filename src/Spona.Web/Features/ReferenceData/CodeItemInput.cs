using System.ComponentModel.DataAnnotations;

namespace Spona.Web.Features.ReferenceData;

public sealed class CodeItemInput
{
    [Required(ErrorMessage = "Enter a code.")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", ErrorMessage = "The code may contain letters A–Z, digits, '_', '.' and '-' (at most 64 characters).")]
    [Display(Name = "Code")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Enter the label in English.")]
    [StringLength(300, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Label in English")]
    public string LabelEn { get; set; } = "";

    [Required(ErrorMessage = "Enter the label in Bosnian.")]
    [StringLength(300, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Label in Bosnian")]
    public string LabelBs { get; set; } = "";

    [Required(ErrorMessage = "Enter the label in Croatian.")]
    [StringLength(300, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Label in Croatian")]
    public string LabelHr { get; set; } = "";

    [Required(ErrorMessage = "Enter the label in Serbian (Latin script).")]
    [StringLength(300, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Label in Serbian (Latin script)")]
    public string LabelSrLatn { get; set; } = "";

    [StringLength(300, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Label in Serbian (Cyrillic script)")]
    public string? LabelSrCyrl { get; set; }

    [Display(Name = "Active")]
    public bool IsActive { get; set; } = true;

    public int Version { get; set; }
}
