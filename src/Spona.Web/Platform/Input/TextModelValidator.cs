using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Platform.Input;

/// <summary>Refuses a bound string that breaks <see cref="TextRules"/>, with a translated message naming the field.</summary>
internal sealed class TextModelValidator(TextKind kind) : IModelValidator
{
    public IEnumerable<ModelValidationResult> Validate(ModelValidationContext context)
    {
        var problem = TextRules.Check(context.Model as string, kind);
        if (problem == TextProblem.None)
        {
            return [];
        }

        var localizer = context.ActionContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var field = context.ModelMetadata.GetDisplayName();
        return [new ModelValidationResult("", localizer[TextRules.MessageKey(problem), field])];
    }
}
