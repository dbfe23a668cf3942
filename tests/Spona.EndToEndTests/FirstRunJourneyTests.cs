using Microsoft.Playwright;

namespace Spona.EndToEndTests;

/// <summary>
/// The first-run journey in real Chromium (Debian's /usr/bin/chromium, never a downloaded browser): first-admin setup,
/// sign in, switch to Serbian Cyrillic, open the strategy and measure 4.2, sign out.
/// </summary>
public sealed class FirstRunJourneyTests : BrowserJourney
{
    [Fact]
    public async Task FirstAdministrator_SignsIn_EnrollsTheSecondFactor_ReadsMeasure42InCyrillic_SignsOut()
    {
        const string email = "prva.admin@example.test";
        const string password = "a long passphrase for the journey";
        var link = await Spona.WaitForSetupLinkAsync(TimeSpan.FromSeconds(90));
        var page = await Browser.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        try
        {
            await page.GotoAsync(link);
            await page.FillAsync("#Input_DisplayName", "Prva Administratorica");
            await page.FillAsync("#Input_Email", email);
            await page.FillAsync("#Input_Password", password);
            await page.FillAsync("#Input_ConfirmPassword", password);
            await page.ClickAsync("main form button[type=submit]");
            await WaitForPageAsync(page, "**/account/sign-in**", "#Input_Password");

            // Every account sets up two-factor sign-in first.
            await SignInAndEnrollAsync(page, email, password);

            await page.SelectOptionAsync("#culture-select", "sr-Cyrl");
            await page.ClickAsync("form[action='/culture'] button[type=submit]");
            await page.WaitForFunctionAsync("document.documentElement.lang === 'sr-Cyrl'");
            var strategyLink = page.Locator(".site-nav a[href='/strategy']");
            Assert.Equal("Стратегија", (await strategyLink.InnerTextAsync()).Trim());

            await strategyLink.ClickAsync();
            await WaitForPageAsync(page, "**/strategy", ".measure-list a");
            Assert.Equal(30, await page.Locator(".measure-list a").CountAsync());
            await page.ClickAsync("a[href='/strategy/measures/4.2']");
            await WaitForPageAsync(page, "**/strategy/measures/4.2", "h1:has-text('4.2')");
            var heading = await page.InnerTextAsync("h1");
            Assert.Contains("4.2", heading, StringComparison.Ordinal);
            Assert.Contains(heading, c => c is >= '\u0400' and <= '\u04FF');
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "measure-4.2-sr-Cyrl.png"), FullPage = true });

            await page.ClickAsync(".user-menu button[type=submit]");
            await WaitForPageAsync(page, "**/account/sign-in**", "#Input_Password");
            await page.GotoAsync(Spona.BaseAddress + "/strategy");
            Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "journey-failure.png"), FullPage = true });
            throw;
        }
    }

    [Fact]
    public async Task KeyboardOnly_ReachesTheMainContentFirst()
    {
        await Spona.WaitForSetupLinkAsync(TimeSpan.FromSeconds(90));
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(Spona.BaseAddress + "/account/sign-in");

        await page.Keyboard.PressAsync("Tab");

        Assert.Equal("skip-link", await page.EvaluateAsync<string>("document.activeElement.className"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));
    }
}
