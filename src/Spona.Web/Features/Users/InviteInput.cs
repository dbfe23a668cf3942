using System.ComponentModel.DataAnnotations;

namespace Spona.Web.Features.Users;

/// <summary>A new account: who, where, and which roles. The person sets their own password through the activation link.</summary>
public sealed class InviteInput
{
    [Required(ErrorMessage = "Enter the e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(254, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "E-mail address")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter the person's name.")]
    [StringLength(200, ErrorMessage = "The text can have at most {1} characters.")]
    [Display(Name = "Name")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Choose an institution from the list.")]
    [StringLength(64)]
    [Display(Name = "Institution")]
    public string Institution { get; set; } = "";

    [StringLength(64)]
    [Display(Name = "Jurisdiction scope")]
    public string? Jurisdiction { get; set; }

    [Display(Name = "Roles")]
    public List<string> Roles { get; set; } = [];
}
