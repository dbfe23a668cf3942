using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;

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
        var email = await app.CreateUserAsync(Roles.CaseWorker);
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
        await TrySignInAsync("warm-up@example.test", "warm up the hasher");
        var known = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();

        // Alternate and take medians: a busy machine slows single requests, not one side only. Three wrong passwords
        // stay below the lockout threshold of five.
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await TrySignInAsync(email, "wrong password " + i);
            known.Add(watch.Elapsed);
            watch.Restart();
            await TrySignInAsync($"ghost{i}@example.test", "wrong password " + i);
            unknown.Add(watch.Elapsed);
        }

        var knownMedian = known.Order().ElementAt(1);
        var unknownMedian = unknown.Order().ElementAt(1);
        // Both hash a password (PBKDF2, 210,000 iterations); an unknown account must not answer in a fraction of the time.
        Assert.True(unknownMedian > knownMedian / 3, $"known {knownMedian.TotalMilliseconds} ms, unknown {unknownMedian.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Passwords_AreStoredAsPbkdf2Sha512With210000Iterations()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();

        var hash = Convert.FromBase64String((await users.FindByEmailAsync(email))!.PasswordHash!);

        // Identity v3 format: marker 0x01, PRF (2 = HMAC-SHA512), iteration count, salt length, all big-endian.
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)));
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)) >= 210_000);
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(9)) >= 16);
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
        response = await Html.SubmitCodeAsync(client, email, response);

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
