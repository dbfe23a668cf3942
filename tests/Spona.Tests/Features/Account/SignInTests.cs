using System.Diagnostics;
using System.Net;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Features.Account;

public sealed class SignInTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(HttpResponseMessage Response, string Message)> TrySignInAsync(string email, string password)
    {
        var client = app.Factory.CreateBrowser();
        var page = await Html.GetAsync(client, "/account/sign-in");
        var response = await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        var message = response.StatusCode == HttpStatusCode.OK ? (await Html.ParseAsync(response)).Text(".error-summary") : "";
        return (response, message);
    }

    [Fact]
    public async Task SignIn_ThenSignOut_EndsTheSession()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password);
        var home = await Html.GetAsync(client, "/");
        Assert.Equal("Welcome to Spona", home.Text("h1"));
        Assert.NotNull(home.QuerySelector("#tasks-heading"));

        var signOut = await Html.SubmitAsync(client, home, "form[action='/account/sign-out']", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var signInPage = await Html.GetAsync(client, signOut.Headers.Location!.OriginalString);
        Assert.Equal("You have signed out.", signInPage.Text(".notice"));
        var after = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/sign-in", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPasswordAndUnknownAccount_LookTheSame()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);

        var wrong = await TrySignInAsync(email, "not the password at all");
        var unknown = await TrySignInAsync("nobody-" + Guid.NewGuid().ToString("N") + "@example.test", "not the password at all");

        Assert.Equal(HttpStatusCode.OK, wrong.Response.StatusCode);
        Assert.Equal(wrong.Response.StatusCode, unknown.Response.StatusCode);
        Assert.Equal(wrong.Message, unknown.Message);
        Assert.Equal("The e-mail address or password is not correct.", wrong.Message);
    }

    [Fact]
    public async Task SignIn_UnknownAccount_TakesAboutAsLongAsAKnownOne()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        await TrySignInAsync(email, "warm up the hasher");

        var known = Stopwatch.StartNew();
        await TrySignInAsync(email, "wrong password one");
        known.Stop();
        var unknown = Stopwatch.StartNew();
        await TrySignInAsync("ghost@example.test", "wrong password two");
        unknown.Stop();

        // Both hash a password (PBKDF2, 210,000 iterations); an unknown account must not answer in a fraction of the time.
        Assert.True(unknown.Elapsed > known.Elapsed / 3, $"known {known.ElapsedMilliseconds} ms, unknown {unknown.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccount()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        for (var i = 0; i < 5; i++)
        {
            await TrySignInAsync(email, "wrong password " + i);
        }

        var (response, message) = await TrySignInAsync(email, AppFixture.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The e-mail address or password is not correct.", message);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("not-an-email", "x")]
    public async Task SignIn_BadInput_NamesTheFields(string email, string password)
    {
        var client = app.Factory.CreateBrowser();
        var form = await Html.GetAsync(client, "/account/sign-in");

        var response = await Html.SubmitAsync(client, form, "main form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

        var page = await Html.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for='Input.Email']")?.TextContent));
    }

    [Fact]
    public async Task SignIn_ExternalReturnUrl_IsIgnored()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var client = app.Factory.CreateBrowser();
        var page = await Html.GetAsync(client, "/account/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F");

        var response = await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = AppFixture.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_PostWithoutAntiforgeryToken_IsRejected()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var client = app.Factory.CreateBrowser();

        var response = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = AppFixture.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}
