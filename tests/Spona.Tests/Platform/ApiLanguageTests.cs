using System.Net;
using System.Text.Json;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Platform;

/// <summary>
/// API errors (401, 403, 404, 405, 409, 400 with field errors) come in the language the client asks for, by
/// Accept-Language or ?culture=; codes and field names stay as they are.
/// </summary>
public sealed class ApiLanguageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("sr-RS", "Niste prijavljeni")]
    [InlineData("sr-Cyrl-BA", "Нисте пријављени")]
    [InlineData("hr-HR", "Niste prijavljeni")]
    [InlineData("en-GB", "Unauthorized")]
    public async Task NotSignedIn_BrowserLanguage_TitleInThatLanguage(string acceptLanguage, string expectedTitle)
    {
        var client = app.Factory.CreateBrowser();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var problem = await client.GetJsonAsync("/api/v1/strategy", HttpStatusCode.Unauthorized);

        Assert.Equal(expectedTitle, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Errors_InSerbianCyrillic_AreWrittenInCyrillic()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var analyst = await app.SignedInClientAsync(Roles.Analyst);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sr-Cyrl");
        analyst.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sr-Cyrl");

        foreach (var (name, problem) in await ProvokeErrorsAsync(admin, analyst))
        {
            AssertAllCyrillic(name, problem);
        }

        var invalid = await admin.PostJsonAsync("/api/v1/users", new { email = "not an address", displayName = "Synthetic Person", institution = new string('M', 65), roles = new[] { Roles.Analyst } }, HttpStatusCode.BadRequest);
        Assert.Contains("Поље „Институција” може имати највише 64 знакова.", invalid.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()));
        var missing = await admin.GetJsonAsync("/api/v1/strategy/measures/9.9", HttpStatusCode.NotFound);
        Assert.Equal("Стратегија нема мјеру '9.9'. Мјере су нумерисане као '4.2'.", missing.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Errors_InEnglish_StayEnglish_AndTheQueryWinsOverTheHeader()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sr-Cyrl");

        var missing = await admin.GetJsonAsync("/api/v1/strategy/measures/9.9?culture=en", HttpStatusCode.NotFound);
        var invalid = await admin.GetJsonAsync("/api/v1/users?status=nope&culture=en", HttpStatusCode.BadRequest);

        Assert.Equal("No such measure.", missing.GetProperty("title").GetString());
        Assert.Equal("The strategy has no measure '9.9'. Measures are numbered like '4.2'.", missing.GetProperty("detail").GetString());
        Assert.Equal("The status must be 'active' or 'disabled'.", invalid.GetProperty("errors").GetProperty("status")[0].GetString());
    }

    /// <summary>One request for each kind of error a client meets, as a client would send it.</summary>
    private static async Task<List<(string Name, JsonElement Problem)>> ProvokeErrorsAsync(HttpClient admin, HttpClient analyst)
    {
        var stale = await admin.GetJsonAsync("/api/v1/jurisdictions/BA-09");
        object Edit(string name) => new { code = "BA-09", kind = "Canton", name, parentCode = "BA-BIH", isActive = true, version = stale.GetProperty("version").GetInt32() };
        await admin.PutJsonAsync("/api/v1/jurisdictions/BA-09", Edit("Kanton Sarajevo (izmjena)"), HttpStatusCode.OK);
        return
        [
            ("403", await analyst.GetJsonAsync("/api/v1/users", HttpStatusCode.Forbidden)),
            ("404 account", await admin.GetJsonAsync($"/api/v1/users/{Guid.NewGuid()}", HttpStatusCode.NotFound)),
            ("404 jurisdiction", await admin.GetJsonAsync("/api/v1/jurisdictions/XX-99", HttpStatusCode.NotFound)),
            ("404 measure", await admin.GetJsonAsync("/api/v1/strategy/measures/9.9", HttpStatusCode.NotFound)),
            ("404 route", await admin.GetJsonAsync("/api/v1/no-such-thing", HttpStatusCode.NotFound)),
            ("405", await Api.JsonAsync(await admin.DeleteAsync(new Uri("/api/v1/roles", UriKind.Relative)), HttpStatusCode.MethodNotAllowed)),
            ("409 stale version", await admin.PutJsonAsync("/api/v1/jurisdictions/BA-09", Edit("Kanton Sarajevo (druga izmjena)"), HttpStatusCode.Conflict)),
            ("400 query", await admin.GetJsonAsync("/api/v1/users?status=nope&sort=password&role=God", HttpStatusCode.BadRequest)),
            ("400 search", await admin.GetJsonAsync("/api/v1/institutions?search=" + new string('x', 201), HttpStatusCode.BadRequest)),
            ("400 body", await admin.PostJsonAsync("/api/v1/users", new { email = "not an address", displayName = "", institution = new string('M', 65), roles = new[] { Roles.Analyst } }, HttpStatusCode.BadRequest)),
            ("400 malformed", await admin.PostRawAsync("/api/v1/users", "{\"email\": ", HttpStatusCode.BadRequest)),
        ];
    }

    private static void AssertAllCyrillic(string name, JsonElement problem)
    {
        var texts = new List<string?> { problem.GetProperty("title").GetString() };
        if (problem.TryGetProperty("detail", out var detail))
        {
            texts.Add(detail.GetString());
        }

        if (problem.TryGetProperty("errors", out var errors))
        {
            texts.AddRange(errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(message => message.GetString())));
        }

        foreach (var text in texts)
        {
            // An English text that was left untranslated has no Cyrillic letter at all.
            Assert.True(text is not null && text.Any(c => c is >= 'Ѐ' and <= 'ӿ'), $"{name}: \"{text}\" is not in Serbian Cyrillic ({problem})");
        }
    }
}
