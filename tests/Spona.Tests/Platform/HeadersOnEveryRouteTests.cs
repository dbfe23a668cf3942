using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Platform;

/// <summary>S9: every GET route, signed in and anonymous, answers with the hardening headers and never with a 5xx.</summary>
public sealed class HeadersOnEveryRouteTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Dictionary<string, string> SampleValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["number"] = "4.2",
        ["code"] = "BA-09",
        ["key"] = "countries",
        ["documentName"] = "v1",
    };

    private List<string> GetRoutes()
    {
        var routes = new List<string>();
        foreach (var endpoint in app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET"))
            {
                continue;
            }

            var pattern = endpoint.RoutePattern;
            if (pattern.Parameters.Any(p => !SampleValues.ContainsKey(p.Name) && !p.IsOptional && !p.IsCatchAll))
            {
                continue;
            }

            var path = "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => SampleValues.GetValueOrDefault(parameter.Name, ""),
                _ => "",
            }))));
            routes.Add(path.Replace("//", "/", StringComparison.Ordinal).TrimEnd('/') is { Length: > 0 } p ? p : "/");
        }

        return [.. routes.Distinct().Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task EveryGetRoute_CarriesTheHeadersAndNeverFails()
    {
        var routes = GetRoutes();
        var signedIn = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var anonymous = app.Factory.CreateBrowser();
        var problems = new List<string>();

        foreach (var route in routes)
        {
            foreach (var (who, client) in new[] { ("admin", signedIn), ("anonymous", anonymous) })
            {
                using var response = await client.GetAsync(new Uri(route, UriKind.Relative));
                var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(";", values) : "";
                if ((int)response.StatusCode >= 500)
                {
                    problems.Add($"{who} {route}: {(int)response.StatusCode}");
                }

                if (!csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal)
                    || !response.Headers.TryGetValues("X-Content-Type-Options", out _)
                    || !response.Headers.TryGetValues("Referrer-Policy", out _))
                {
                    problems.Add($"{who} {route}: missing hardening headers");
                }

                if (who == "admin" && !route.StartsWith("/css", StringComparison.Ordinal) && response.Headers.CacheControl?.NoStore != true)
                {
                    problems.Add($"{who} {route}: no Cache-Control: no-store");
                }
            }
        }

        Assert.True(routes.Count >= 20, $"only {routes.Count} routes: " + string.Join(", ", routes));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task HttpsResponses_CarryHsts()
    {
        // HSTS is never sent to localhost (ASP.NET Core's default exclusion), so ask as the public host name.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/sign-in", UriKind.Relative));
        request.Headers.Host = "spona.example.test";
        var response = await app.Factory.CreateBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=31536000", string.Join(";", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }
}
