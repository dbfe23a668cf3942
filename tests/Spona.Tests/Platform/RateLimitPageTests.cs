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

    private sealed class LimitedApp : AppFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["RateLimits:SignInPerMinute"] = "2",
        };
    }
}
