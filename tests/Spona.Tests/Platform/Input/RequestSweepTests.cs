using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.Strategy;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Input;

/// <summary>
/// S10 from outside (issue 7): text that looks empty, JSON that means two things, and a sweep of malformed requests over
/// every route and method the application maps. Nothing answers 5xx, nothing is stored, nothing logs an error.
/// </summary>
public sealed partial class RequestSweepTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Values a person sees as empty: spaces of every kind, invisible letters and tag characters.</summary>
    public static readonly TheoryData<string> EmptyLooking =
    [
        " ", "   ", "\u00a0", "\u3000", "\u2003\u2009", "\u2028", " \u200b ", "\u3164", "\u2800", "\U000E0020\U000E0041", "\U0001D173",
    ];

    [Theory]
    [MemberData(nameof(EmptyLooking))]
    public async Task EmptyLookingText_IsRefusedByEveryCreatingRoute(string blank)
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var cases = new (string Route, object Body, string Field)[]
        {
            ("/api/v1/jurisdictions", new { code = "BA-09-W" + suffix, kind = "Municipality", name = blank, parentCode = "BA-09", isActive = true }, "name"),
            ("/api/v1/jurisdictions", new { code = "BA-09-X" + suffix, kind = "Municipality", name = "Vidljivo", nameEn = blank, parentCode = "BA-09", isActive = true }, "nameEn"),
            ("/api/v1/institutions", new { code = "MS-W" + suffix, name = blank, type = "Ministry", jurisdictionCode = "BA-BIH", isActive = true }, "name"),
            ("/api/v1/institutions", new { code = "MS-X" + suffix, name = "Vidljivo", address = blank, type = "Ministry", jurisdictionCode = "BA-BIH", isActive = true }, "address"),
            ("/api/v1/users", new { email = $"w-{suffix}@example.test", displayName = blank, institution = "MSB", roles = new[] { Roles.Analyst } }, "displayName"),
            ("/api/v1/tokens", new { name = blank, expiresInDays = 30, permissions = new[] { StrategyPermissions.Read } }, "name"),
        };

        // The control: the same requests with visible text are accepted, so a refusal below is the text's doing.
        foreach (var (route, body, _) in cases)
        {
            var visible = System.Text.Json.JsonSerializer.Serialize(body).Replace(System.Text.Json.JsonSerializer.Serialize(blank)[1..^1], "Vidljivo", StringComparison.Ordinal)
                .Replace("-W" + suffix, "-V" + suffix, StringComparison.Ordinal).Replace("-X" + suffix, "-Y" + suffix, StringComparison.Ordinal).Replace("w-" + suffix, "v-" + suffix, StringComparison.Ordinal);
            await admin.PostRawAsync(route, visible, HttpStatusCode.Created);
        }

        foreach (var (route, body, field) in cases)
        {
            var problem = await admin.PostJsonAsync(route, body, HttpStatusCode.BadRequest);
            var errors = problem.GetProperty("errors");
            Assert.True(errors.EnumerateObject().Any(e => e.Name.EndsWith(field, StringComparison.OrdinalIgnoreCase)), $"{route}: {problem}");
        }

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.Set<Spona.Web.Platform.Organisations.Jurisdiction>().IgnoreQueryFilters().AnyAsync(j => j.Code == "BA-09-W" + suffix || j.Code == "BA-09-X" + suffix));
        Assert.False(await db.Set<Spona.Web.Platform.Organisations.Institution>().IgnoreQueryFilters().AnyAsync(i => i.Code == "MS-W" + suffix || i.Code == "MS-X" + suffix));
        Assert.Null(await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Spona.Web.Platform.Identity.SponaUser>>().FindByEmailAsync($"w-{suffix}@example.test"));
    }

    [Theory]
    // A duplicate inside a nested value, a duplicate of a member the type does not have, and a member it does not have.
    [InlineData("{\"email\":\"dup-{0}@example.test\",\"displayName\":\"Dvaput\",\"institution\":\"MSB\",\"roles\":[\"Analyst\"],\"extra\":{\"a\":1,\"a\":2}}")]
    [InlineData("{\"email\":\"dup-{0}@example.test\",\"displayName\":\"Dvaput\",\"institution\":\"MSB\",\"roles\":[\"Analyst\"],\"isAdmin\":true,\"isAdmin\":false}")]
    [InlineData("{\"email\":\"dup-{0}@example.test\",\"displayName\":\"Dvaput\",\"institution\":\"MSB\",\"roles\":[\"Analyst\"],\"emailConfirmed\":true}")]
    [InlineData("{\"email\":\"dup-{0}@example.test\",\"displayName\":\"Dvaput\",\"institution\":\"MSB\",\"roles\":[\"Analyst\"],\"displayname\":\"Triput\"}")]
    public async Task JsonThatMeansTwoThingsOrMore_IsRefusedAndStoresNothing(string template)
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var suffix = Guid.NewGuid().ToString("N")[..8];

        // The control: without the part after the roles, the same body is accepted.
        var control = template.Replace("{0}", "ok-" + suffix, StringComparison.Ordinal);
        await admin.PostRawAsync("/api/v1/users", control[..(control.IndexOf(']', StringComparison.Ordinal) + 1)] + "}", HttpStatusCode.Created);

        var problem = await admin.PostRawAsync("/api/v1/users", template.Replace("{0}", suffix, StringComparison.Ordinal), HttpStatusCode.BadRequest);

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("Exception", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("InviteInput", problem.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("$", problem.GetProperty("at").GetString(), StringComparison.Ordinal);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Spona.Web.Platform.Identity.SponaUser>>().FindByEmailAsync($"dup-{suffix}@example.test"));
    }

    /// <summary>Bodies no client should send: broken JSON, the wrong shape, huge numbers, deep nesting, bad bytes.</summary>
    private static IEnumerable<(string Name, HttpContent Content)> BadBodies()
    {
        yield return ("broken", Json("{"));
        yield return ("array", Json("[]"));
        yield return ("null", Json("null"));
        yield return ("string", Json("\"x\""));
        yield return ("huge number", Json("{\"page\":1e400,\"expiresInDays\":99999999999999999999999,\"version\":-99999999999999999999}"));
        yield return ("wrong types", Json("{\"code\":[1],\"name\":{\"a\":1},\"kind\":\"Galaxy\",\"recordId\":\"not-a-guid\",\"roles\":\"Analyst\"}"));
        yield return ("deep", Json(new string('[', 5000) + new string(']', 5000)));
        yield return ("bad utf-8", new ByteArrayContent([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]) { Headers = { { "Content-Type", "application/json" } } });
        yield return ("text/plain", new StringContent("{}", Encoding.UTF8, "text/plain"));
        yield return ("form", new StringContent("a=1&b=%ZZ", Encoding.UTF8, "application/x-www-form-urlencoded"));
        yield return ("empty", new StringContent("", Encoding.UTF8, "application/json"));
        yield return ("big", Json("{\"name\":\"" + new string('a', 3_000_000) + "\"}"));

        static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
    }

    /// <summary>
    /// Route values that are not what the route expects. (A NUL in the path cannot reach the application: Kestrel
    /// answers 400 itself, and the in-process test server refuses to build such a request.)
    /// </summary>
    private static readonly string[] BadSegments = ["not-a-guid", "%ZZ", "%01", "%E2%80%AE", "%C3%28", "..%2F..%2Fetc", new string('a', 3000), "00000000-0000-0000-0000-000000000000"];

    [Fact]
    public async Task MalformedRequests_OnEveryRouteAndMethod_Answer4xxAndLogNoError()
    {
        var routes = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]))
            .Where(r => !r.Pattern.StartsWith("/health", StringComparison.Ordinal) && !r.Pattern.Contains("{**", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.True(routes.Count(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal)) >= 20, $"only {routes.Count} routes found");

        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var anonymous = app.Factory.CreateBrowser();
        var before = app.Factory.Logs.Lines.Count;
        var problems = new List<string>();
        var requests = 0;

        foreach (var (pattern, methods) in routes)
        {
            var urls = new List<string>();
            if (RouteParameter().IsMatch(pattern))
            {
                urls.AddRange(BadSegments.Select(segment => RouteParameter().Replace(pattern, segment)));
            }
            else
            {
                urls.Add(pattern);
            }

            urls = [.. urls.Select(u => u + "?page=99999999999999999999&pageSize=-5&sort=%ZZ&search=%00&returnUrl=%0d%0a//evil")];
            foreach (var method in methods.Where(m => m is not "HEAD" and not "OPTIONS"))
            {
                foreach (var url in urls)
                {
                    foreach (var client in new[] { admin, anonymous })
                    {
                        if (method is "POST" or "PUT" or "PATCH")
                        {
                            foreach (var (name, content) in BadBodies().Take(client == admin ? int.MaxValue : 3))
                            {
                                await SendAsync(client, method, url, content, $"{method} {url} [{name}]");
                            }
                        }
                        else
                        {
                            await SendAsync(client, method, url, null, $"{method} {url}");
                        }
                    }
                }
            }
        }

        var lines = app.Factory.Logs.Lines.Skip(before).ToList();
        var logged = lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} of {requests} requests failed:\n" + string.Join("\n", problems.Take(30)));
        Assert.True(logged.Count == 0, string.Join("\n---\n", logged.Take(5)));

        async Task SendAsync(HttpClient client, string method, string url, HttpContent? content, string what)
        {
            requests++;
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative)) { Content = content };
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                problems.Add($"{what}: {e.GetType().Name}: {e.Message}");
                return;
            }

            using (response)
            {
                if ((int)response.StatusCode >= 500)
                {
                    problems.Add($"{what}: {(int)response.StatusCode}");
                }

                var location = response.Headers.Location?.OriginalString;
                if (location is not null && (location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal)
                    || Uri.TryCreate(location, UriKind.Absolute, out var target) && target.Scheme.StartsWith("http", StringComparison.Ordinal) && target.Host != "localhost"))
                {
                    problems.Add($"{what}: redirects to {location}");
                }
            }
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
