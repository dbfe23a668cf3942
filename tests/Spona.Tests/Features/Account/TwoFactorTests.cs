using System.Buffers.Binary;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Features.Account;

/// <summary>S1: no sign-in path yields a session without the second factor; replayed, expired and guessed codes fail.</summary>
public sealed class TwoFactorTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static bool HasSession(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("__Host-spona=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));

    private async Task<(HttpClient Client, HttpResponseMessage Response)> CodeAsync(string email, string code)
    {
        var client = app.Factory.CreateBrowser();
        var password = await Html.SubmitPasswordAsync(client, email, AppFixture.Password);
        Assert.False(HasSession(password));
        var page = await Html.GetAsync(client, password.Headers.Location!.OriginalString);
        return (client, await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Code"] = code }));
    }

    [Fact]
    public async Task PasswordAlone_ForAnEnrolledAccount_GivesNoSession()
    {
        var email = await app.CreateUserAsync(Roles.CaseWorker);
        var client = app.Factory.CreateBrowser();

        var response = await Html.SubmitPasswordAsync(client, email, AppFixture.Password);

        Assert.Equal("/account/sign-in/code?ReturnUrl=%2F", response.Headers.Location?.OriginalString);
        Assert.False(HasSession(response));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ReplayedCode_IsRejected_EvenFromAnotherBrowser()
    {
        var email = await app.CreateUserAsync(Roles.CaseWorker);
        Authenticators.TryGetKey(email, out var key);
        var code = Authenticators.CodeAt(key, TimeProvider.System.GetUtcNow());

        var (_, first) = await CodeAsync(email, code);
        var (client, second) = await CodeAsync(email, code);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("already used", (await Html.ParseAsync(second)).Text(".error-summary"), StringComparison.Ordinal);
        Assert.False(HasSession(second));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ExpiredCode_IsRejected()
    {
        var email = await app.CreateUserAsync(Roles.CaseWorker);
        Authenticators.TryGetKey(email, out var key);

        var (_, response) = await CodeAsync(email, Authenticators.CodeAt(key, TimeProvider.System.GetUtcNow().AddSeconds(-120)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(HasSession(response));
    }

    [Fact]
    public async Task GuessingCodes_LocksTheAccount_SoEvenTheRightCodeFails()
    {
        var email = await app.CreateUserAsync(Roles.CaseWorker);
        var client = app.Factory.CreateBrowser();
        var password = await Html.SubmitPasswordAsync(client, email, AppFixture.Password);
        var page = await Html.GetAsync(client, password.Headers.Location!.OriginalString);
        for (var i = 0; i < 5; i++)
        {
            await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Code"] = "000000" });
        }

        var right = await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Code"] = await Authenticators.NextCodeAsync(email) });

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Too many wrong attempts", (await Html.ParseAsync(right)).Text(".error-summary"), StringComparison.Ordinal);
        Assert.False(HasSession(right));
    }

    [Fact]
    public async Task AccountWithoutSecondFactor_ReachesOnlyEnrollment_ThenEverything()
    {
        var email = await app.CreateUserAsync(Roles.StateCoordinatorOffice);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        }

        var client = app.Factory.CreateBrowser();
        var password = await Html.SubmitPasswordAsync(client, email, AppFixture.Password);
        Assert.StartsWith("/account/two-factor", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var home = await client.GetAsync(new Uri("/strategy", UriKind.Relative));
        Assert.Equal("/account/two-factor", home.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);

        var enroll = await Html.GetAsync(client, "/account/two-factor");
        Assert.NotNull(enroll.QuerySelector("img[src^='data:image/png;base64,']"));
        var key = enroll.Text(".secret-key").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var wrong = await Html.SubmitAsync(client, enroll, "main form", new Dictionary<string, string> { ["Code"] = "123456" == Authenticators.CodeAt(key, TimeProvider.System.GetUtcNow()) ? "654321" : "123456" });
        Assert.Null((await Html.ParseAsync(wrong)).QuerySelector(".recovery-codes"));
        Authenticators.Register(email, key);
        var done = await Html.SubmitAsync(client, enroll, "main form", new Dictionary<string, string> { ["Code"] = await Authenticators.NextCodeAsync(email) });

        var codes = (await Html.ParseAsync(done)).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var email = await app.CreateUserAsync(Roles.CaseWorker);
        string code;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync(email))!, 10))!.First();
        }

        async Task<HttpResponseMessage> UseAsync()
        {
            var client = app.Factory.CreateBrowser();
            var password = await Html.SubmitPasswordAsync(client, email, AppFixture.Password);
            var page = await Html.GetAsync(client, password.Headers.Location!.OriginalString + "&recovery=true");
            return await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Code"] = code.ToLowerInvariant() });
        }

        var first = await UseAsync();
        var second = await UseAsync();

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.True(HasSession(first));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(HasSession(second));
    }

    [Fact]
    public async Task SignOut_EndsEverySessionOfTheAccount_AtOnce()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var phone = app.Factory.CreateBrowser();
        var laptop = app.Factory.CreateBrowser();
        await Html.SignInAsync(phone, email, AppFixture.Password);
        await Html.SignInAsync(laptop, email, AppFixture.Password);
        var home = await Html.GetAsync(phone, "/");

        await Html.SubmitAsync(phone, home, "form[action='/account/sign-out']", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task DisablingAnAccount_EndsItsSession_OnTheNextRequest()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsDisabled, true));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("qwertyuiop123!")]
    [InlineData("aaaaaaaaaaaaaaa")]
    [InlineData("iloveyou2024!!")]
    [InlineData("abcabcabcabc")]
    public void CommonPasswords_AreRejected(string password)
    {
        Assert.True(CommonPasswordValidator.IsWeak(password));
    }

    [Fact]
    public void APassphrase_IsAccepted_ButNotOneMadeOfTheEmailAddress()
    {
        Assert.False(CommonPasswordValidator.IsWeak("correct horse battery staple"));
        Assert.True(CommonPasswordValidator.IsWeak("marija.kovac2026!", new SponaUser { DisplayName = "X", Email = "marija.kovac@example.test" }));
    }

    [Fact]
    public async Task WeakerOldHash_IsUpgradedAtTheNextSignIn()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var old = new PasswordHasher<SponaUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
            var hash = old.HashPassword(new SponaUser { DisplayName = "" }, AppFixture.Password);
            await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(set => set.SetProperty(u => u.PasswordHash, hash));
        }

        await Html.SignInAsync(app.Factory.CreateBrowser(), email, AppFixture.Password);

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stored = Convert.FromBase64String(await db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash!).SingleAsync());
            Assert.Equal(210_000u, BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(5)));
        }
    }
}
