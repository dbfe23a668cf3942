using Spona.Web.Platform.Localization;

namespace Spona.Tests.Platform;

public sealed class MessageTranslatorTests
{
    private static readonly MessageTranslator Translator = new(TranslationCatalog.LoadEmbedded());

    [Theory]
    [InlineData("The field Institution must be a string with a maximum length of 64.", "sr-Latn", "Polje „Institucija” može imati najviše 64 znakova.")]
    [InlineData("The field Institution must be a string with a maximum length of 64.", "en", "The field Institution must be a string with a maximum length of 64.")]
    [InlineData("The sort must be one of: email, -email.", "hr", "Redoslijed mora biti jedan od: email, -email.")]
    [InlineData("Not found.", "sr-Cyrl", "Није пронађено.")]
    [InlineData("Something nobody wrote down.", "bs", "Something nobody wrote down.")]
    public void Translate_KeyOrFilledInKey_GivesTheTranslationWithTheValues(string english, string culture, string expected)
    {
        Assert.Equal(expected, Translator.Translate(english, culture));
    }

    [Fact]
    public void Translate_ValueThatIsAlsoAKey_StaysAsTheClientSentIt()
    {
        // Only the first value (a field's name) is translated; a value a client sent is shown as it came.
        Assert.Equal("Strategija nema mjeru 'Name'. Mjere su numerisane kao '4.2'.", Translator.Translate("The strategy has no measure 'Name'. Measures are numbered like '4.2'.", "bs"));
    }

    [Fact]
    public void Translate_HugeHostileText_ComesBackUnchangedAndFast()
    {
        var hostile = "The field " + new string('x', 100_000) + " must be between " + new string('1', 50_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.Equal(hostile, Translator.Translate(hostile, "bs"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1));
    }
}
