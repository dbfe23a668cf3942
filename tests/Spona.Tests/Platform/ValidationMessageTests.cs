using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Localization;

namespace Spona.Tests.Platform;

/// <summary>
/// The framework's own validation messages (an attribute without ErrorMessage, the implicit "required" of a
/// non-nullable string, model binding) reach the person in their language, like the messages the code names.
/// </summary>
public sealed class ValidationMessageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void EveryValidationAttribute_HasItsMessageInTheCatalogue()
    {
        var catalog = TranslationCatalog.LoadEmbedded();
        var checkedAttributes = 0;
        var missing = new List<string>();
        foreach (var (where, attributes, named) in ValidatedMembers())
        {
            foreach (var attribute in attributes.Append(new RequiredAttribute()))
            {
                if (attribute.GetType() == typeof(DataTypeAttribute))
                {
                    continue;
                }

                checkedAttributes++;
                var key = string.IsNullOrEmpty(attribute.ErrorMessage) ? ValidationMessages.Template(attribute, named) : attribute.ErrorMessage;
                if (SupportedCultures.Names.Any(culture => catalog.Find(key, culture) is null))
                {
                    missing.Add($"{where} [{attribute.GetType().Name}]: \"{key}\"");
                }
            }
        }

        missing.AddRange(ValidationMessages.AllKeys.Where(key => SupportedCultures.Names.Any(culture => catalog.Find(key, culture) is null)).Select(key => $"ValidationMessages: \"{key}\""));
        Assert.True(checkedAttributes > 100, $"only {checkedAttributes} attributes found: the scan is broken");
        Assert.True(missing.Count == 0, "Validation messages without translations:\n" + string.Join("\n", missing.Distinct()));
    }

    [Fact]
    public void EveryFrameworkTemplate_IsTheFrameworksOwnEnglishText()
    {
        // The API's validation (Microsoft.Extensions.Validation) formats the framework's English defaults; the
        // catalogue translates them only while its keys are exactly those texts.
        ValidationAttribute[] attributes =
        [
            new RequiredAttribute(), new StringLengthAttribute(10), new StringLengthAttribute(10) { MinimumLength = 2 }, new RangeAttribute(1, 5),
            new RegularExpressionAttribute("^a$"), new EmailAddressAttribute(), new MaxLengthAttribute(3), new MinLengthAttribute(3),
            new PhoneAttribute(), new UrlAttribute(), new CompareAttribute("Other"),
        ];
        foreach (var attribute in attributes)
        {
            var template = ValidationMessages.FrameworkTemplate(attribute);
            Assert.NotNull(template);
            var expected = attribute is CompareAttribute ? attribute.FormatErrorMessage("Name").Replace("Other", "{1}", StringComparison.Ordinal) : attribute.FormatErrorMessage("Name");
            Assert.Equal(expected, FormatLikeTheFramework(template, attribute));
        }
    }

    [Fact]
    public async Task PasswordPage_EmptyRepeatInBosnian_SaysTheFieldIsRequiredInBosnian()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("bs");
        var page = await Html.GetAsync(client, "/account/password");

        var response = await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = AppFixture.Password,
            ["Input.NewPassword"] = "a brand new long passphrase",
            ["Input.ConfirmPassword"] = "",
        });

        var result = await Html.ParseAsync(response);
        Assert.Equal("Polje „Ponovite lozinku” je obavezno.", result.Text("span[data-valmsg-for='Input.ConfirmPassword']"));
    }

    [Theory]
    [InlineData("sr-Latn", "Polje „Institucija” može imati najviše 64 znakova.")]
    [InlineData("sr-Cyrl", "Поље „Институција” може имати највише 64 знакова.")]
    [InlineData("en", "The field Institution must be a string with a maximum length of 64.")]
    public async Task InvitePage_TooLongInstitutionCode_SaysSoInTheReadersLanguage(string culture, string expected)
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        var page = await Html.GetAsync(admin, "/admin/users/invite");

        var response = await Html.SubmitAsync(admin, page, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = $"long-{Guid.NewGuid():N}@example.test",
            ["Input.DisplayName"] = "Synthetic Person",
            ["Input.Institution"] = new string('M', 65),
            ["Input.Roles"] = Roles.Analyst,
        });

        var result = await Html.ParseAsync(response);
        Assert.Equal(expected, result.Text("span[data-valmsg-for='Input.Institution']"));
    }

    /// <summary>Every property and parameter in the application with a validation attribute.</summary>
    private static IEnumerable<(string Where, ValidationAttribute[] Attributes, bool Named)> ValidatedMembers()
    {
        foreach (var type in typeof(SupportedCultures).Assembly.GetTypes())
        {
            foreach (var property in type.GetProperties(Members))
            {
                var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
                if (attributes.Length > 0)
                {
                    yield return ($"{type.FullName}.{property.Name}", attributes, property.GetCustomAttribute<DisplayAttribute>()?.Name is not null);
                }
            }

            foreach (var method in type.GetMethods(Members).Concat<MethodBase>(type.GetConstructors(Members)))
            {
                foreach (var parameter in method.GetParameters())
                {
                    var attributes = parameter.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
                    if (attributes.Length > 0)
                    {
                        yield return ($"{type.FullName}.{method.Name}({parameter.Name})", attributes, parameter.GetCustomAttribute<DisplayAttribute>()?.Name is not null);
                    }
                }
            }
        }
    }

    private static string FormatLikeTheFramework(string template, ValidationAttribute attribute) => attribute switch
    {
        StringLengthAttribute s => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "Name", s.MaximumLength, s.MinimumLength),
        RangeAttribute r => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "Name", r.Minimum, r.Maximum),
        RegularExpressionAttribute r => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "Name", r.Pattern),
        MaxLengthAttribute m => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "Name", m.Length),
        MinLengthAttribute m => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "Name", m.Length),
        CompareAttribute => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "Name", "{1}"),
        _ => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "Name"),
    };
}
