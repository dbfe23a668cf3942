using System.ComponentModel.DataAnnotations;

namespace Spona.Web.Features.Strategy;

/// <summary>An amendment as entered on the measure page or posted to the API.</summary>
public sealed class AmendmentInput
{
    [Required(ErrorMessage = "Enter who proposed the amendment.")]
    [StringLength(300, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Proposed by")]
    public string ProposedBy { get; set; } = "";

    [Required(ErrorMessage = "Enter the date of the proposal.")]
    [Display(Name = "Proposed on")]
    public DateOnly? ProposedOn { get; set; }

    [Display(Name = "Adopted on")]
    public DateOnly? AdoptedOn { get; set; }

    [StringLength(200, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Decision reference")]
    public string? DecisionReference { get; set; }

    [Required(ErrorMessage = "Describe what the amendment changes.")]
    [StringLength(4000, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "What changed")]
    [DataType(DataType.MultilineText)]
    public string Change { get; set; } = "";
}
