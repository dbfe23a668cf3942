using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;

namespace Spona.Web.Platform.Localization;

/// <summary>
/// MVC translates an attribute's message only through an adapter, and has adapters for the built-in attributes
/// alone: an attribute of our own (or a newer framework one) would show its English text. This provider keeps the
/// framework's adapters and gives every other attribute one that translates its message with the field's name.
/// </summary>
internal sealed class LocalizedAttributeAdapters : IValidationAttributeAdapterProvider
{
    private readonly ValidationAttributeAdapterProvider framework = new();

    public IAttributeAdapter? GetAttributeAdapter(ValidationAttribute attribute, IStringLocalizer? stringLocalizer) =>
        framework.GetAttributeAdapter(attribute, stringLocalizer) ?? new Adapter(attribute, stringLocalizer);

    private sealed class Adapter(ValidationAttribute attribute, IStringLocalizer? localizer) : AttributeAdapterBase<ValidationAttribute>(attribute, localizer)
    {
        public override void AddValidation(ClientModelValidationContext context)
        {
            // Pages validate on the server only (no client-side script).
        }

        public override string GetErrorMessage(ModelValidationContextBase validationContext)
        {
            ArgumentNullException.ThrowIfNull(validationContext);
            return GetErrorMessage(validationContext.ModelMetadata, validationContext.ModelMetadata.GetDisplayName());
        }
    }
}
