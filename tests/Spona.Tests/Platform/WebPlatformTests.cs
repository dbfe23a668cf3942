using System.Net;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Platform;

public sealed class WebPlatformTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_IsAnonymousAndHealthy(string url)
    {
        var response = await app.Factory.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_ArePrometheusText()
    {
        var client = app.Factory.CreateBrowser();
        await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesTheApi()
    {
        var client = app.Factory.CreateBrowser();

        var document = await client.GetJsonAsync("/openapi/v1.json");
        var reference = await client.GetAsync(new Uri("/scalar/v1", UriKind.Relative));

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/strategy", out _));
        Assert.True(paths.TryGetProperty("/api/v1/strategy/measures/{number}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/jurisdictions", out _));
        Assert.True(paths.TryGetProperty("/api/v1/code-lists/{key}/items", out _));
        var listResponses = paths.GetProperty("/api/v1/jurisdictions").GetProperty("get").GetProperty("responses");
        Assert.True(listResponses.GetProperty("200").TryGetProperty("content", out _), "the list's response schema is documented");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var html = await reference.Content.ReadAsStringAsync();
        Assert.DoesNotContain("cdn.jsdelivr", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html.Replace("https://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/strategy")]
    [InlineData("/api/v1/strategy")]
    [InlineData("/no-such-page")]
    public async Task Responses_CarryBrowserHardeningHeaders(string url)
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptAndLocalAssetsOnly()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        foreach (var url in new[] { "/", "/strategy", "/strategy/measures/1.1", "/reference", "/reference/jurisdictions" })
        {
            var page = await Html.GetAsync(client, url);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script on {url}"));
            Assert.All(page.QuerySelectorAll("[src],link[href]"), e =>
                Assert.StartsWith("/", e.GetAttribute("src") ?? e.GetAttribute("href"), StringComparison.Ordinal));
            Assert.NotNull(page.QuerySelector("main#main"));
            Assert.NotNull(page.QuerySelector("a.skip-link[href='#main']"));
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("html")?.GetAttribute("lang")));
            Assert.All(page.QuerySelectorAll("input:not([type=hidden]), select, textarea"), field =>
                Assert.True(field.Id is not null && page.QuerySelector($"label[for='{field.Id}']") is not null, $"unlabelled field {field.Id} on {url}"));
        }
    }

    [Fact]
    public async Task Cookies_AreHostPrefixedSecureAndHttpOnly()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var client = app.Factory.CreateBrowser();
        var page = await Html.GetAsync(client, "/account/sign-in");

        var passwordStep = await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = AppFixture.Password });
        var codeStep = await Html.SubmitCodeAsync(client, email, passwordStep);

        var cookies = new[]
        {
            passwordStep.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-spona-2fa=", StringComparison.Ordinal)),
            codeStep.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-spona=", StringComparison.Ordinal)),
        };
        Assert.DoesNotContain(passwordStep.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-spona=", StringComparison.Ordinal));
        Assert.All(cookies, cookie =>
        {
            Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task NotFound_PageAndApi_AnswerInTheirOwnFormat()
    {
        var client = await app.SignedInClientAsync(Roles.Analyst);

        var page = await Html.GetAsync(client, "/definitely/not/here", HttpStatusCode.NotFound);
        var api = await client.GetAsync(new Uri("/api/v1/definitely-not-here", UriKind.Relative));

        Assert.Equal("Page not found", page.Text("h1"));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
