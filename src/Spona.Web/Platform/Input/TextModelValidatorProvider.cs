using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Spona.Web.Platform.Input;

/// <summary>
/// Gives every string that MVC or Razor Pages bind (properties, handler parameters, nested inputs, from form, query or
/// route) the <see cref="TextRules"/> check, so that no page can forget it.
/// </summary>
internal sealed class TextModelValidatorProvider : IMetadataBasedModelValidatorProvider
{
    public void CreateValidators(ModelValidatorProviderContext context)
    {
        if (context.ModelMetadata.ModelType != typeof(string))
        {
            return;
        }

        var kind = TextRules.KindOf(context.ValidatorMetadata);
        context.Results.Add(new ValidatorItem { Validator = new TextModelValidator(kind), IsReusable = true });
    }

    public bool HasValidators(Type modelType, IList<object> validatorMetadata) => modelType == typeof(string);
}
