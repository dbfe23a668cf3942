using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Spona.Tests.Infrastructure;

/// <summary>Reads pages as a browser would and submits their forms with their real antiforgery tokens.</summary>
public static class Html
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html).Address(response.RequestMessage!.RequestUri!));
    }

    public static async Task<IDocument> GetAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {expected}, got {response.StatusCode}");
        return await ParseAsync(response);
    }

    /// <summary>Fills the form found by <paramref name="formSelector"/> (keeping its hidden fields) and posts it.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, IDocument page, string formSelector, IDictionary<string, string> values)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>())
        {
            if (!values.ContainsKey(input.Name!))
            {
                fields.Add(new(input.Name!, input.Value));
            }
        }

        fields.AddRange(values);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? new Uri(page.Url).PathAndQuery : action;
        return await client.PostAsync(new Uri(target, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    /// <summary>Signs in with password and the account's TOTP code (see <see cref="Authenticators"/>); returns the last response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, DateTimeOffset? now = null)
    {
        var response = await SubmitPasswordAsync(client, email, password);
        response = await SubmitCodeAsync(client, email, response, now);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return response;
    }

    public static async Task<HttpResponseMessage> SubmitPasswordAsync(HttpClient client, string email, string password, string signInUrl = "/account/sign-in")
    {
        var page = await GetAsync(client, signInUrl);
        return await SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    /// <summary>Follows the password step's redirect to the code page and enters the next unused TOTP code.</summary>
    public static async Task<HttpResponseMessage> SubmitCodeAsync(HttpClient client, string email, HttpResponseMessage passwordResponse, DateTimeOffset? now = null)
    {
        Assert.Equal(HttpStatusCode.Redirect, passwordResponse.StatusCode);
        Assert.StartsWith("/account/sign-in/code", passwordResponse.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var codePage = await GetAsync(client, passwordResponse.Headers.Location!.OriginalString);
        return await SubmitAsync(client, codePage, "main form", new Dictionary<string, string> { ["Code"] = await Authenticators.NextCodeAsync(email, now) });
    }

    /// <summary>First sign-in of an account without a second factor: password, then enrollment with the shown key.</summary>
    public static async Task<IDocument> SignInAndEnrollAsync(HttpClient client, string email, string password, DateTimeOffset? now = null)
    {
        var response = await SubmitPasswordAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/two-factor", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var enroll = await GetAsync(client, response.Headers.Location!.OriginalString);
        var key = enroll.Text(".secret-key").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Authenticators.Register(email, key);
        var done = await SubmitAsync(client, enroll, "main form", new Dictionary<string, string> { ["Code"] = await Authenticators.NextCodeAsync(email, now) });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var result = await ParseAsync(done);
        Assert.True(result.QuerySelector(".recovery-codes") is not null, "Enrollment failed: " + result.QuerySelector(".field-error")?.TextContent + result.QuerySelector(".error-summary")?.TextContent);
        return result;
    }

    /// <summary>
    /// Types <paramref name="text"/> into the users list's search form and follows the redirect, as a person would: the
    /// text travels in the form, and the URL carries it sealed.
    /// </summary>
    public static async Task<IDocument> SearchUsersAsync(HttpClient client, string text)
    {
        var list = await GetAsync(client, "/admin/users");
        var response = await SubmitAsync(client, list, "form.search-form", new Dictionary<string, string> { ["q"] = text });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(text, Uri.UnescapeDataString(response.Headers.Location!.OriginalString), StringComparison.OrdinalIgnoreCase);
        return await GetAsync(client, response.Headers.Location!.OriginalString);
    }

    public static string Text(this IDocument document, string selector) =>
        document.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"No '{selector}' on {document.Url}");
}
