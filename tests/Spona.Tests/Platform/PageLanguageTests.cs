using System.Globalization;
using System.Text.RegularExpressions;
using Spona.Tests.Infrastructure;

namespace Spona.Tests.Platform;

/// <summary>What a browser gets: its own language, written as letters (UTF-8), with markup still encoded.</summary>
public sealed partial class PageLanguageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("sr-Cyrl", "Пријава")]
    [InlineData("bs", "Preskoči na glavni sadržaj")]
    [InlineData("hr", "korisničkim")]
    public async Task SignInPage_NonAsciiLetters_AreSentAsUtf8TextNotEntities(string culture, string expected)
    {
        var client = app.Factory.CreateBrowser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        var response = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains(expected, body, StringComparison.Ordinal);
        var letterEntities = NumericEntity().Matches(body)
            .Select(m => char.ConvertFromUtf32(int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)))
            .Where(text => char.IsLetter(text, 0))
            .ToList();
        Assert.True(letterEntities.Count == 0, "Letters sent as entities: " + string.Join("", letterEntities.Distinct()));
    }

    [Fact]
    public async Task SignInPage_ReflectedMarkup_IsStillEncoded()
    {
        var client = app.Factory.CreateBrowser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sr-Cyrl");
        var page = await Html.GetAsync(client, "/account/sign-in");
        const string probe = "\"><script>alert('č')</script><b a='Ж'>@example.test";

        var response = await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Input.Email"] = probe, ["Input.Password"] = "wrong password here" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<b a=", body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;č&#x27;)&lt;/script&gt;", body, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;", body, StringComparison.Ordinal);
        var reparsed = await Html.ParseAsync(response);
        Assert.Equal(probe, reparsed.QuerySelector("#Input_Email")?.GetAttribute("value"));
    }

    [Theory]
    [InlineData("sr", "sr-Latn")]
    [InlineData("sr-RS", "sr-Latn")]
    [InlineData("sr-BA", "sr-Latn")]
    [InlineData("sr-ME", "sr-Latn")]
    [InlineData("SR-rs", "sr-Latn")]
    [InlineData("sr-Latn", "sr-Latn")]
    [InlineData("sr-Latn-BA", "sr-Latn")]
    [InlineData("sr-latn-rs", "sr-Latn")]
    [InlineData("sr-Cyrl", "sr-Cyrl")]
    [InlineData("sr-Cyrl-BA", "sr-Cyrl")]
    [InlineData("sr-Cyrl-RS", "sr-Cyrl")]
    [InlineData("SR-CYRL-ba", "sr-Cyrl")]
    [InlineData("hr", "hr")]
    [InlineData("hr-HR", "hr")]
    [InlineData("hr-BA", "hr")]
    [InlineData("bs", "bs")]
    [InlineData("bs-BA", "bs")]
    [InlineData("bs-Latn-BA", "bs")]
    [InlineData("en-GB", "en")]
    [InlineData("en-US", "en")]
    [InlineData("sr-RS,sr;q=0.9,en;q=0.8", "sr-Latn")]
    [InlineData("de-DE,de;q=0.9,sr-BA;q=0.8,en;q=0.7", "sr-Latn")]
    [InlineData("en;q=0.2,hr-HR;q=0.9", "hr")]
    [InlineData("sr-Cyrl-RS;q=0,en", "en")]
    [InlineData("sr-Cyrl;q=0", "en")]
    public async Task SignInPage_BrowserLanguage_GetsThatLanguage(string acceptLanguage, string expected)
    {
        var client = app.Factory.CreateBrowser();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var page = await Html.GetAsync(client, "/account/sign-in");

        Assert.Equal(expected, page.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("sr", "sr-Latn")]
    [InlineData("sr-Cyrl-BA", "sr-Cyrl")]
    [InlineData("hr-BA", "hr")]
    public async Task SignInPage_CultureInTheQuery_IsMatchedLikeTheBrowserLanguage(string culture, string expected)
    {
        var client = app.Factory.CreateBrowser();

        var page = await Html.GetAsync(client, "/account/sign-in?culture=" + culture);

        Assert.Equal(expected, page.DocumentElement.GetAttribute("lang"));
    }

    [GeneratedRegex("&#x([0-9A-Fa-f]+);")]
    private static partial Regex NumericEntity();
}
