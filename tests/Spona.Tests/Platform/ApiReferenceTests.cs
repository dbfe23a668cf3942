using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;

namespace Spona.Tests.Platform;

/// <summary>
/// The OpenAPI document says how to call the API (a Bearer token, and the 400/401/403/429 answers the platform gives),
/// and its reference page sends that token and advertises or calls nobody else.
/// </summary>
public sealed partial class ApiReferenceTests(ApiReferenceTests.ReferenceFixture app) : IClassFixture<ApiReferenceTests.ReferenceFixture>
{
    private const string AnonymousProbe = "/api/v1/test-probe/anonymous";

    [Fact]
    public async Task OpenApiDocument_ProtectedOperations_RequireTheBearerSchemeAndDescribe401And403_AnonymousOnesDoNot()
    {
        var document = await app.Factory.CreateBrowser().GetJsonAsync("/openapi/v1.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Contains("/account/tokens", scheme.GetProperty("description").GetString(), StringComparison.Ordinal);
        var protectedOperations = 0;
        foreach (var (path, method, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            if (path == AnonymousProbe)
            {
                Assert.False(operation.TryGetProperty("security", out _), $"{method} {path} is anonymous but demands a token");
                Assert.False(responses.TryGetProperty("401", out _), $"{method} {path} is anonymous but says 401");
                Assert.False(responses.TryGetProperty("403", out _), $"{method} {path} is anonymous but says 403");
                continue;
            }

            protectedOperations++;
            var requirements = operation.TryGetProperty("security", out var security) ? security.EnumerateArray().ToList() : [];
            Assert.True(requirements.Any(r => r.TryGetProperty("Bearer", out _)), $"{method} {path} has no Bearer requirement");
            foreach (var status in new[] { "401", "403", "429" })
            {
                Assert.True(responses.TryGetProperty(status, out var response), $"{method} {path} does not describe {status}");
                Assert.Equal("#/components/schemas/ProblemDetails", response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
            }

            Assert.True(responses.GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _), $"{method} {path}: 429 without Retry-After");
            if (operation.TryGetProperty("requestBody", out _))
            {
                Assert.True(responses.TryGetProperty("400", out _), $"{method} {path} takes a body but does not describe 400");
            }

            Assert.Matches("Requires the permission `[A-Za-z]+\\.[A-Za-z]+`", operation.GetProperty("description").GetString());
        }

        Assert.True(protectedOperations > 20, "the document lists the API's operations");
        Assert.Contains(Operations(document), o => o.Path == AnonymousProbe);
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("ProblemDetails", out _));
    }

    [Fact]
    public async Task ReferencePage_LoadsAndCallsOnlyThisHost_AndShowsNoPromotions()
    {
        var client = app.Factory.CreateBrowser();

        var response = await client.GetAsync(new Uri("/scalar/v1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var foreign = AbsoluteUrl().Matches(html).Select(m => m.Value).Where(u => !new Uri(u).Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(foreign.Count == 0, "the page names other hosts: " + string.Join(", ", foreign));
        var page = await Html.ParseAsync(response);
        Assert.All(page.QuerySelectorAll("script[src], link[href], img[src]"), e =>
            Assert.False(Uri.TryCreate(e.GetAttribute("src") ?? e.GetAttribute("href"), UriKind.Absolute, out _), "absolute asset address"));

        var configuration = Configuration(html);
        Assert.False(configuration.GetProperty("telemetry").GetBoolean());
        Assert.False(configuration.GetProperty("withDefaultFonts").GetBoolean());
        Assert.True(configuration.GetProperty("hideClientButton").GetBoolean());
        Assert.Equal("never", configuration.GetProperty("showDeveloperTools").GetString());
        Assert.True(configuration.GetProperty("agent").GetProperty("disabled").GetBoolean());
        Assert.True(configuration.GetProperty("mcp").GetProperty("disabled").GetBoolean());
        Assert.Equal(["Bearer"], configuration.GetProperty("authentication").GetProperty("preferredSecurityScheme").EnumerateArray().Select(e => e.GetString()));
        Assert.False(configuration.TryGetProperty("persistAuth", out var persist) && persist.GetBoolean(), "the token must not be kept in the browser's storage");
        Assert.False(configuration.TryGetProperty("proxyUrl", out _), "requests go straight to this host, never through a proxy");
        Assert.Contains("scalar.com", configuration.GetProperty("customCss").GetString(), StringComparison.Ordinal);
        Assert.All(configuration.GetProperty("sources").EnumerateArray(), s =>
            Assert.False(Uri.TryCreate(s.GetProperty("url").GetString(), UriKind.Absolute, out _), "the document comes from this host"));
    }

    [Fact]
    public async Task ReferencePage_PolicyAllowsOnlyThisHostAndItsOwnNoncedScript()
    {
        var response = await app.Factory.CreateBrowser().GetAsync(new Uri("/scalar/v1", UriKind.Relative));

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var html = await response.Content.ReadAsStringAsync();
        var nonce = Nonce().Match(csp);
        Assert.True(nonce.Success, "script-src carries a nonce: " + csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", csp, StringComparison.Ordinal);
        var page = await Html.ParseAsync(response);
        Assert.All(page.QuerySelectorAll("script"), s => Assert.Equal(nonce.Groups[1].Value, s.GetAttribute("nonce")));
        var again = string.Join(";", (await app.Factory.CreateBrowser().GetAsync(new Uri("/scalar/v1", UriKind.Relative))).Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain(nonce.Groups[1].Value, again, StringComparison.Ordinal);
        Assert.Contains("initialize(", html, StringComparison.Ordinal);
    }

    private static List<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        [.. document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (path.Name, op.Name, op.Value)))];

    /// <summary>The configuration object the page hands to the bundle (the argument of <c>initialize</c> that is JSON).</summary>
    private static JsonElement Configuration(string html)
    {
        var line = html.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("{\"", StringComparison.Ordinal));
        return JsonDocument.Parse(line.TrimEnd(',')).RootElement;
    }

    [GeneratedRegex("https?://[^\\s\"'<>)]+", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex("script-src [^;]*'nonce-([A-Za-z0-9_\\-+/=]+)'")]
    private static partial Regex Nonce();

    /// <summary>The application with one anonymous API endpoint added, so the document has an operation without a token.</summary>
    public sealed class ReferenceFixture : AppFixture
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddTransient<IStartupFilter, AnonymousProbeEndpoint>();
    }

    private sealed class AnonymousProbeEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            next(builder);
            builder.UseRouting();
            builder.UseEndpoints(endpoints => endpoints.MapGet(AnonymousProbe, () => Results.Ok()).AllowAnonymous());
        };
    }
}
