using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;

namespace Spona.Tests.Features.Users;

/// <summary>
/// The link an administrator hands over is followed to the end; a lockout is invisible from outside (message and time),
/// stops only password sign-in (never API tokens), and an administrator can end it.
/// </summary>
public sealed class PasswordLinkAndLockoutTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string NewPassword = "a brand new synthetic passphrase";

    private static async Task<string> SetPasswordByLinkAsync(HttpClient person, string url, string password)
    {
        var page = await Html.GetAsync(person, new Uri(url).PathAndQuery);
        var done = await Html.SubmitAsync(person, page, "main form", new Dictionary<string, string> { ["Input.Password"] = password, ["Input.ConfirmPassword"] = password });
        return done.StatusCode == HttpStatusCode.Redirect ? done.Headers.Location!.OriginalString : (await Html.ParseAsync(done)).Text(".error-summary");
    }

    private async Task<string> MessageOfSignInAsync(string email, string password)
    {
        var client = app.Factory.CreateBrowser();
        var response = await Html.SubmitPasswordAsync(client, email, password);
        return response.StatusCode == HttpStatusCode.OK ? (await Html.ParseAsync(response)).Text(".error-summary") : response.Headers.Location!.OriginalString;
    }

    private async Task LockOutAsync(string email)
    {
        for (var i = 0; i < 5; i++)
        {
            await MessageOfSignInAsync(email, "someone guessing " + i);
        }

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
    }

    [Fact]
    public async Task NewPasswordLink_FromTheDetailPage_ThePersonSetsAPasswordAndSignsInWithIt()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = await app.CreateUserAsync(Roles.Analyst);
        var id = await app.UserIdAsync(email);

        var detail = await Html.GetAsync(admin, $"/admin/users/{id}");
        var made = await Html.ParseAsync(await Html.SubmitAsync(admin, detail, "form[action*='handler=ActivationLink']", new Dictionary<string, string>()));
        var url = made.Text(".activation-link");

        var person = app.Factory.CreateBrowser();
        Assert.Equal("/account/sign-in?activated=True", await SetPasswordByLinkAsync(person, url, NewPassword));
        await Html.SignInAsync(person, email, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
        Assert.Equal("The e-mail address or password is not correct.", await MessageOfSignInAsync(email, AppFixture.Password));
        // Used once, it is dead.
        Assert.Contains("not valid any more", await SetPasswordByLinkAsync(app.Factory.CreateBrowser(), url, "yet another synthetic passphrase"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewPasswordLink_FromTheApi_Works_AndASecondLinkKillsTheFirst()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = await app.CreateUserAsync(Roles.Analyst);
        var id = await app.UserIdAsync(email);

        var first = (await admin.PostJsonAsync($"/api/v1/users/{id}/activation-link", new { }, HttpStatusCode.OK)).GetProperty("activationUrl").GetString()!;
        var second = (await admin.PostJsonAsync($"/api/v1/users/{id}/activation-link", new { }, HttpStatusCode.OK)).GetProperty("activationUrl").GetString()!;

        Assert.Contains("not valid any more", await SetPasswordByLinkAsync(app.Factory.CreateBrowser(), first, NewPassword), StringComparison.Ordinal);
        var person = app.Factory.CreateBrowser();
        Assert.Equal("/account/sign-in?activated=True", await SetPasswordByLinkAsync(person, second, NewPassword));
        await Html.SignInAsync(person, email, NewPassword);
    }

    [Fact]
    public async Task LockedAccount_NewPasswordLinkUnlocksIt()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = await app.CreateUserAsync(Roles.Analyst);
        await LockOutAsync(email);
        var id = await app.UserIdAsync(email);
        Assert.True((await admin.GetJsonAsync($"/api/v1/users/{id}")).GetProperty("isLockedOut").GetBoolean());

        var url = (await admin.PostJsonAsync($"/api/v1/users/{id}/activation-link", new { }, HttpStatusCode.OK)).GetProperty("activationUrl").GetString()!;
        var person = app.Factory.CreateBrowser();
        Assert.Equal("/account/sign-in?activated=True", await SetPasswordByLinkAsync(person, url, NewPassword));

        await Html.SignInAsync(person, email, NewPassword);
        Assert.False((await admin.GetJsonAsync($"/api/v1/users/{id}")).GetProperty("isLockedOut").GetBoolean());
    }

    [Fact]
    public async Task LockedAccount_UnlockButton_LetsThePersonSignInWithTheirPassword()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = await app.CreateUserAsync(Roles.Analyst);
        await LockOutAsync(email);
        var id = await app.UserIdAsync(email);
        var detail = await Html.GetAsync(admin, $"/admin/users/{id}");
        Assert.NotNull(detail.QuerySelector("form[action*='handler=Unlock']"));

        var unlocked = await Html.SubmitAsync(admin, detail, "form[action*='handler=Unlock']", new Dictionary<string, string>());

        Assert.Contains("unlocked", (await Html.ParseAsync(unlocked)).Text(".notice-success"), StringComparison.Ordinal);
        await Html.SignInAsync(app.Factory.CreateBrowser(), email, AppFixture.Password);
        var api = await admin.PostJsonAsync($"/api/v1/users/{id}/unlock", new { }, HttpStatusCode.OK);
        Assert.False(api.GetProperty("isLockedOut").GetBoolean());
    }

    [Fact]
    public async Task WrongPasswordsFromAnyone_NeverStopTheAccountsApiTokens()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        string secret;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>().FindByEmailAsync(email))!;
            secret = (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(user, "integration", 30, [], "user", CancellationToken.None)).Secret!;
        }

        await LockOutAsync(email);

        Assert.Equal(HttpStatusCode.OK, (await app.BearerClient(secret).GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task LockedAndNotActivatedAccounts_AnswerLikeAWrongPassword_InWordsAndInTime()
    {
        var open = await app.CreateUserAsync(Roles.Analyst);
        var locked = await app.CreateUserAsync(Roles.Analyst);
        await LockOutAsync(locked);
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var invited = $"invited-{Guid.NewGuid():N}@example.test";
        await admin.PostJsonAsync("/api/v1/users", new { email = invited, displayName = "Synthetic Invitee", institution = "MSB", roles = new[] { Roles.Analyst } }, HttpStatusCode.Created);

        var expected = await MessageOfSignInAsync(open, "not the password at all");
        // The right password of a locked account gets the same answer as a wrong one.
        Assert.Equal(expected, await MessageOfSignInAsync(locked, AppFixture.Password));
        Assert.Equal(expected, await MessageOfSignInAsync(invited, "not the password at all"));

        // Alternate and take medians (a busy machine slows single requests, not one side only). The open account gets
        // fewer than five wrong passwords in all, so it never locks.
        var wrong = new List<TimeSpan>();
        var lockedTimes = new List<TimeSpan>();
        var invitedTimes = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            wrong.Add(await TimeAsync(() => MessageOfSignInAsync(open, "not the password either")));
            lockedTimes.Add(await TimeAsync(() => MessageOfSignInAsync(locked, AppFixture.Password)));
            invitedTimes.Add(await TimeAsync(() => MessageOfSignInAsync(invited, "not the password either")));
        }

        var wrongMedian = wrong.Order().ElementAt(1);
        // Before the fix a locked account answered about 15 times faster: it skipped the password hash. The bound is the
        // one SignInTests uses for unknown accounts; a wrong password also writes its failure count, which a loaded
        // machine makes slower.
        Assert.True(lockedTimes.Order().ElementAt(1) > wrongMedian / 3, $"wrong {wrongMedian.TotalMilliseconds} ms, locked {lockedTimes.Order().ElementAt(1).TotalMilliseconds} ms");
        Assert.True(invitedTimes.Order().ElementAt(1) > wrongMedian / 3, $"wrong {wrongMedian.TotalMilliseconds} ms, invited {invitedTimes.Order().ElementAt(1).TotalMilliseconds} ms");
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task<string>> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }
}
