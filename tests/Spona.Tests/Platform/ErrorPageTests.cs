using System.Net;
using AngleSharp.Dom;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Platform;

/// <summary>
/// Every error a browser meets on a page route is a page of the site (header, menu, footer) in the person's
/// language, with a correlation id and no detail; the API keeps answering with problem details.
/// </summary>
public sealed class ErrorPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("GET", "/no/such/page", HttpStatusCode.NotFound, "Страница није пронађена")]
    [InlineData("GET", "/admin/users/7d1b7c6e-0000-4000-8000-000000000000", HttpStatusCode.NotFound, "Страница није пронађена")]
    [InlineData("GET", "/culture", HttpStatusCode.MethodNotAllowed, "Ова радња овдје није могућа")]
    [InlineData("POST", "/account/password", HttpStatusCode.BadRequest, "Образац је истекао")]
    [InlineData("POST", "/culture", HttpStatusCode.BadRequest, "Образац је истекао")]
    [InlineData("POST", "/admin/users/invite", HttpStatusCode.BadRequest, "Образац је истекао")]
    public async Task PageRouteError_SignedIn_IsASitePageInTheReadersLanguage(string method, string url, HttpStatusCode status, string heading)
    {
        var client = await app.SignedInClientAsync(Roles.SystemAdministrator);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sr-Cyrl");

        // A form posted without its antiforgery token, as a stale tab or a forged page would.
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative))
        {
            Content = method == "POST" ? new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "bs", ["returnUrl"] = "/" }) : null,
        };
        var response = await client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        var page = await AssertSitePageAsync(response, "sr-Cyrl");
        Assert.Equal(heading, page.Text("h1"));
        Assert.NotNull(page.QuerySelector(".site-nav"));
    }

    [Fact]
    public async Task PageRouteError_Anonymous_IsASitePageInTheBrowsersLanguage()
    {
        var client = app.Factory.CreateBrowser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("bs-BA");
        var signIn = await Html.GetAsync(client, "/account/sign-in");

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/sign-in", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "someone@example.test", ["Input.Password"] = "a password of some length" }),
        };
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await AssertSitePageAsync(response, "bs");
        Assert.Equal("Obrazac je istekao", page.Text("h1"));
        Assert.NotNull(page.QuerySelector("main a[href='/account/sign-in']"));
        Assert.NotNull(signIn);
    }

    /// <summary>The page is HTML with the layout, in <paramref name="culture"/>, never cached, with a correlation id.</summary>
    internal static async Task<IDocument> AssertSitePageAsync(HttpResponseMessage response, string culture)
    {
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var page = await Html.ParseAsync(response);
        Assert.Equal(culture, page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector("header.site-header .brand"));
        Assert.NotNull(page.QuerySelector("footer.site-footer"));
        Assert.Matches("^[0-9a-f]{32}$", page.Text("main code"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        return page;
    }
}
