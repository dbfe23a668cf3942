using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Spona.Web.Platform.Localization;

/// <summary>
/// Gives every validation attribute without its own <c>ErrorMessage</c> (and the "required" that MVC adds to a
/// non-nullable string) a message from the translation catalogue, so that MVC's data-annotations localization
/// translates it: without one, MVC shows the framework's English text whatever the language.
/// A property with a display name gets the framework's own English text as the key (the API's validation formats
/// exactly that text, and the catalogue translates it there too); a property without one gets a message that does not
/// name the field, instead of naming it by its C# property name.
/// </summary>
internal sealed class ValidationMessages : IValidationMetadataProvider
{
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var named = context.Attributes.OfType<DisplayAttribute>().Any(d => !string.IsNullOrEmpty(d.Name));
        foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
        {
            if (string.IsNullOrEmpty(attribute.ErrorMessage) && string.IsNullOrEmpty(attribute.ErrorMessageResourceName) && attribute.ErrorMessageResourceType is null
                && attribute.GetType() != typeof(DataTypeAttribute))
            {
                attribute.ErrorMessage = Template(attribute, named);
            }
        }
    }

    /// <summary>The catalogue key a page shows for <paramref name="attribute"/> when it names no message itself.</summary>
    public static string Template(ValidationAttribute attribute, bool named) => named ? Named(attribute) : Unnamed(attribute);

    /// <summary>The framework's own English message template for the attribute, or null when it has none of its own.</summary>
    public static string? FrameworkTemplate(ValidationAttribute attribute) => attribute switch
    {
        RequiredAttribute => "The {0} field is required.",
        StringLengthAttribute { MinimumLength: > 0 } => "The field {0} must be a string with a minimum length of {2} and a maximum length of {1}.",
        StringLengthAttribute => "The field {0} must be a string with a maximum length of {1}.",
        RangeAttribute { MinimumIsExclusive: false, MaximumIsExclusive: false } => "The field {0} must be between {1} and {2}.",
        RegularExpressionAttribute => "The field {0} must match the regular expression '{1}'.",
        EmailAddressAttribute => "The {0} field is not a valid e-mail address.",
        MaxLengthAttribute => "The field {0} must be a string or array type with a maximum length of '{1}'.",
        MinLengthAttribute => "The field {0} must be a string or array type with a minimum length of '{1}'.",
        CompareAttribute => "'{0}' and '{1}' do not match.",
        PhoneAttribute => "The {0} field is not a valid phone number.",
        UrlAttribute => "The {0} field is not a valid fully-qualified http, https, or ftp URL.",
        _ => null,
    };

    /// <summary>Every key <see cref="Template"/> and <see cref="FrameworkTemplate"/> can give, for the translation test.</summary>
    public static IReadOnlyList<string> AllKeys { get; } =
    [
        "The {0} field is required.",
        "The field {0} must be a string with a minimum length of {2} and a maximum length of {1}.",
        "The field {0} must be a string with a maximum length of {1}.",
        "The field {0} must be between {1} and {2}.",
        "The field {0} must match the regular expression '{1}'.",
        "The {0} field is not a valid e-mail address.",
        "The field {0} must be a string or array type with a maximum length of '{1}'.",
        "The field {0} must be a string or array type with a minimum length of '{1}'.",
        "'{0}' and '{1}' do not match.",
        "The {0} field is not a valid phone number.",
        "The {0} field is not a valid fully-qualified http, https, or ftp URL.",
        "The field {0} is not in the expected form.",
        "The field {0} is invalid.",
        "This field is required.",
        "The text must have from {2} to {1} characters.",
        "The text can have at most {1} characters.",
        "Enter a value from {1} to {2}.",
        "The value is not in the expected form.",
        "Enter a valid e-mail address.",
        "The text must have at least {1} characters.",
        "The two values are not the same.",
        "Enter a valid phone number.",
        "Enter a valid web address.",
        "The value is not valid.",
    ];

    private static string Named(ValidationAttribute attribute) => attribute switch
    {
        // The pattern means nothing to a person; the API keeps the framework's text, which shows it to developers.
        RegularExpressionAttribute => "The field {0} is not in the expected form.",
        MaxLengthAttribute => "The field {0} must be a string with a maximum length of {1}.",
        _ => FrameworkTemplate(attribute) ?? "The field {0} is invalid.",
    };

    private static string Unnamed(ValidationAttribute attribute) => attribute switch
    {
        RequiredAttribute => "This field is required.",
        StringLengthAttribute { MinimumLength: > 0 } => "The text must have from {2} to {1} characters.",
        StringLengthAttribute or MaxLengthAttribute => "The text can have at most {1} characters.",
        RangeAttribute { MinimumIsExclusive: false, MaximumIsExclusive: false } => "Enter a value from {1} to {2}.",
        RegularExpressionAttribute => "The value is not in the expected form.",
        EmailAddressAttribute => "Enter a valid e-mail address.",
        MinLengthAttribute => "The text must have at least {1} characters.",
        CompareAttribute => "The two values are not the same.",
        PhoneAttribute => "Enter a valid phone number.",
        UrlAttribute => "Enter a valid web address.",
        _ => "The value is not valid.",
    };
}
