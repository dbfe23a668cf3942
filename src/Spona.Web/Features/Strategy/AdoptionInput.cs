using System.ComponentModel.DataAnnotations;

namespace Spona.Web.Features.Strategy;

/// <summary>The adoption of a proposed amendment: when, and under which decision.</summary>
public sealed class AdoptionInput
{
    [Required(ErrorMessage = "Enter the date of adoption.")]
    [Display(Name = "Adopted on")]
    public DateOnly? AdoptedOn { get; set; }

    [Required(ErrorMessage = "Enter the reference of the adopting decision.")]
    [StringLength(200, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Decision reference")]
    public string? DecisionReference { get; set; }
}
