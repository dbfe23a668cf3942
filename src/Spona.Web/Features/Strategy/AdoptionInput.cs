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

    /// <summary>
    /// The catalogue version the adoption was decided against (the measure's <c>catalogueVersion</c>); when given and
    /// the catalogue has changed since, the adoption is refused (409) instead of being recorded against another wording.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "The catalogue version is not valid.")]
    [Display(Name = "Catalogue version")]
    public int? CatalogueVersion { get; set; }
}
