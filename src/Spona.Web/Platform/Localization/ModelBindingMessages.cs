using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Spona.Web.Platform.Localization;

/// <summary>Model binding's own error messages (a date that is not a date, a missing value) in the user's language.</summary>
internal sealed class ModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    private static string ValueInvalid => "The value '{0}' is not valid for {1}.";

    private static string ValueInvalidNoName => "The value '{0}' is not valid.";

    private static string ValueRequired => "A value is required.";

    private static string ValueMustBeNumber => "The field {0} must be a number.";

    public void Configure(MvcOptions options)
    {
        var localizer = factory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => localizer[ValueInvalid, value, field]);
        messages.SetValueIsInvalidAccessor(value => localizer[ValueInvalidNoName, value]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer[ValueInvalidNoName, value]);
        messages.SetUnknownValueIsInvalidAccessor(field => localizer[ValueInvalid, "", field]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer[ValueInvalidNoName, ""]);
        messages.SetValueMustNotBeNullAccessor(_ => localizer[ValueRequired]);
        messages.SetMissingBindRequiredValueAccessor(_ => localizer[ValueRequired]);
        messages.SetMissingKeyOrValueAccessor(() => localizer[ValueRequired]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer[ValueRequired]);
        messages.SetValueMustBeANumberAccessor(field => localizer[ValueMustBeNumber, field]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer[ValueInvalidNoName, ""]);
    }
}
