using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Identity;

namespace Spona.Tests.Features.Account;

/// <summary>The first-run journey on a database without users. Each test gets its own fresh installation.</summary>
public sealed class FirstAdministratorTests : IAsyncLifetime
{
    private readonly ClockedApp app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    private async Task<string> IssueTokenAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FirstAdministratorSetup>().IssueTokenAsync(CancellationToken.None);
    }

    private static Dictionary<string, string> Form(string email = "first.admin@example.test") => new()
    {
        ["Input.DisplayName"] = "Prva Administratorica",
        ["Input.Email"] = email,
        ["Input.Password"] = "a long and memorable passphrase",
        ["Input.ConfirmPassword"] = "a long and memorable passphrase",
    };

    [Fact]
    public async Task Setup_ValidLink_CreatesTheAdministratorWhoCanSignIn()
    {
        var token = await IssueTokenAsync();
        var client = app.Factory.CreateBrowser();
        var page = await Html.GetAsync(client, "/setup?token=" + token);

        var response = await Html.SubmitAsync(client, page, "main form", Form());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var signIn = await Html.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains("Your account was created", signIn.Text(".notice-success"), StringComparison.Ordinal);
        var enrolled = await Html.SignInAndEnrollAsync(client, "first.admin@example.test", "a long and memorable passphrase", app.Clock.GetUtcNow());
        Assert.Equal(10, enrolled.QuerySelectorAll(".recovery-codes li").Length);
        var home = await Html.GetAsync(client, "/");
        Assert.Contains("Prva Administratorica", home.Text(".user-name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_LinkUsedOnce_CannotBeUsedAgain()
    {
        var token = await IssueTokenAsync();
        var client = app.Factory.CreateBrowser();
        var page = await Html.GetAsync(client, "/setup?token=" + token);
        await Html.SubmitAsync(client, page, "main form", Form());

        var again = await Html.SubmitAsync(app.Factory.CreateBrowser(), page, "main form", Form("second@example.test"));

        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
        await Html.GetAsync(client, "/setup?token=" + token, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Setup_WrongToken_ShowsNoForm(string token)
    {
        var page = await Html.GetAsync(app.Factory.CreateBrowser(), "/setup?token=" + Uri.EscapeDataString(token), HttpStatusCode.NotFound);

        Assert.Null(page.QuerySelector("main form"));
    }

    [Fact]
    public async Task Setup_NewLink_VoidsTheOldOne()
    {
        var old = await IssueTokenAsync();
        await IssueTokenAsync();

        await Html.GetAsync(app.Factory.CreateBrowser(), "/setup?token=" + old, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Setup_PasswordsDiffer_NamesTheFieldAndCreatesNobody()
    {
        var token = await IssueTokenAsync();
        var client = app.Factory.CreateBrowser();
        var page = await Html.GetAsync(client, "/setup?token=" + token);
        var form = Form();
        form["Input.ConfirmPassword"] = "something else entirely";

        var response = await Html.SubmitAsync(client, page, "main form", form);

        var result = await Html.ParseAsync(response);
        Assert.Contains("not the same", result.Text("[data-valmsg-for='Input.ConfirmPassword']"), StringComparison.Ordinal);
        await Html.GetAsync(client, "/setup?token=" + token);
    }

    [Fact]
    public async Task Setup_TwoSimultaneousSubmissions_CreateOneAdministrator()
    {
        var token = await IssueTokenAsync();
        var first = app.Factory.CreateBrowser();
        var second = app.Factory.CreateBrowser();
        var firstPage = await Html.GetAsync(first, "/setup?token=" + token);
        var secondPage = await Html.GetAsync(second, "/setup?token=" + token);

        var responses = await Task.WhenAll(
            Html.SubmitAsync(first, firstPage, "main form", Form("one@example.test")),
            Html.SubmitAsync(second, secondPage, "main form", Form("two@example.test")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Spona.Web.Platform.Persistence.AppDbContext>();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Setup_LinkOlderThan24Hours_IsRefused()
    {
        var token = await IssueTokenAsync();
        app.Clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        await Html.GetAsync(app.Factory.CreateBrowser(), "/setup?token=" + token);

        app.Clock.Advance(TimeSpan.FromMinutes(2));

        var page = await Html.GetAsync(app.Factory.CreateBrowser(), "/setup?token=" + token, HttpStatusCode.NotFound);
        Assert.Null(page.QuerySelector("main form"));
    }

    /// <summary>The installation with a clock the test moves.</summary>
    private sealed class ClockedApp : AppFixture
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }
}
