using System.Net;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Platform;

/// <summary>Password guessing and API floods are throttled with 429 and Retry-After.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly AppFixture app = new LimitedApp();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task SignIn_FourthAttemptInAMinute_Is429WithRetryAfter()
    {
        var client = app.Factory.CreateBrowser();
        var page = await Html.GetAsync(client, "/account/sign-in");
        var form = new Dictionary<string, string> { ["Input.Email"] = "guess@example.test", ["Input.Password"] = "guess number one" };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Html.SubmitAsync(client, page, "main form", form)).StatusCode);
        }

        var refused = await Html.SubmitAsync(client, page, "main form", form);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Api_OverTheLimit_Is429ProblemDetails()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/code-lists", UriKind.Relative))).StatusCode);
        }

        var refused = await client.GetAsync(new Uri("/api/v1/code-lists", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    private sealed class LimitedApp : AppFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["RateLimits:SignInPerMinute"] = "3",
            ["RateLimits:ApiPerMinute"] = "5",
        };
    }
}
