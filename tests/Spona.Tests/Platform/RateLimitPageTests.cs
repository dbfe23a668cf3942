using System.Globalization;
using System.Net;
using Spona.Tests.Infrastructure;

namespace Spona.Tests.Platform;

/// <summary>A person who is throttled sees a page of the site that says when to try again, in their language.</summary>
public sealed class RateLimitPageTests : IAsyncLifetime
{
    private readonly AppFixture app = new LimitedApp();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Theory]
    [InlineData("sr-Cyrl", "Превише покушаја", "Превише покушаја. Покушајте поново за {0} секунди.")]
    [InlineData("en", "Too many attempts", "Too many attempts. Try again in {0} seconds.")]
    public async Task SignIn_Throttled_IsASitePageThatSaysWhenToTryAgain(string culture, string heading, string message)
    {
        var client = app.Factory.CreateBrowser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        var page = await Html.GetAsync(client, "/account/sign-in");
        var form = new Dictionary<string, string> { ["Input.Email"] = $"guess-{Guid.NewGuid():N}@example.test", ["Input.Password"] = "guess number one" };
        HttpResponseMessage refused;
        do
        {
            refused = await Html.SubmitAsync(client, page, "main form", form);
        }
        while (refused.StatusCode == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var seconds = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 60);
        var result = await ErrorPageTests.AssertSitePageAsync(refused, culture);
        Assert.Equal(heading, result.Text("h1"));
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, message, seconds), result.Text("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_Throttled_SaysWhenToTryAgainInTheClientsLanguage()
    {
        var client = await app.SignedInClientAsync(Spona.Web.Platform.Authorization.Roles.Analyst);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sr-Cyrl");
        HttpResponseMessage refused;
        do
        {
            refused = await client.GetAsync(new Uri("/api/v1/code-lists", UriKind.Relative));
        }
        while (refused.StatusCode == HttpStatusCode.OK);

        var problem = await Api.JsonAsync(refused, HttpStatusCode.TooManyRequests);
        var seconds = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.Equal("Превише захтјева.", problem.GetProperty("title").GetString());
        Assert.Equal($"Покушајте поново за {seconds} секунди.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SignIn_ThrottledPage_LanguageSwitchReturnsToTheSignIn()
    {
        var client = app.Factory.CreateBrowser();
        var page = await Html.GetAsync(client, "/account/sign-in");
        var form = new Dictionary<string, string> { ["Input.Email"] = $"guess-{Guid.NewGuid():N}@example.test", ["Input.Password"] = "guess number one" };
        HttpResponseMessage refused;
        do
        {
            refused = await Html.SubmitAsync(client, page, "main form", form);
        }
        while (refused.StatusCode == HttpStatusCode.OK);

        var result = await Html.ParseAsync(refused);
        Assert.Equal("/account/sign-in", result.QuerySelector("form[action='/culture'] input[name=returnUrl]")?.GetAttribute("value"));
    }

    private sealed class LimitedApp : AppFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["RateLimits:SignInPerMinute"] = "2",
            ["RateLimits:ApiPerMinute"] = "2",
        };
    }
}
