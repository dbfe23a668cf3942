using Microsoft.Playwright;

namespace Spona.EndToEndTests;

/// <summary>
/// The first-run journey in real Chromium (Debian's /usr/bin/chromium, never a downloaded browser): first-admin setup,
/// sign in, switch to Serbian Cyrillic, open the strategy and measure 4.2, sign out.
/// </summary>
public sealed class FirstRunJourneyTests : IAsyncLifetime
{
    private static readonly string Artifacts = Environment.GetEnvironmentVariable("SPONA_TEST_ARTIFACTS") ?? Path.GetTempPath();

    private SponaProcess spona = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        spona = SponaProcess.Start();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SPONA_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await spona.DisposeAsync();
    }

    [Fact]
    public async Task FirstAdministrator_SignsIn_EnrollsTheSecondFactor_ReadsMeasure42InCyrillic_SignsOut()
    {
        const string email = "prva.admin@example.test";
        const string password = "a long passphrase for the journey";
        var link = await spona.WaitForSetupLinkAsync(TimeSpan.FromSeconds(90));
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        try
        {
            await page.GotoAsync(link);
            await page.FillAsync("#Input_DisplayName", "Prva Administratorica");
            await page.FillAsync("#Input_Email", email);
            await page.FillAsync("#Input_Password", password);
            await page.FillAsync("#Input_ConfirmPassword", password);
            await page.ClickAsync("main form button[type=submit]");
            await page.WaitForURLAsync("**/account/sign-in**");

            await page.FillAsync("#Input_Email", email);
            await page.FillAsync("#Input_Password", password);
            await page.ClickAsync("main form button[type=submit]");

            // Every account sets up two-factor sign-in first: scan (here: read) the key, enter the current code.
            await page.WaitForURLAsync("**/account/two-factor**");
            Assert.StartsWith("data:image/png;base64,", await page.GetAttributeAsync(".qr-code img", "src"), StringComparison.Ordinal);
            var key = (await page.InnerTextAsync(".secret-key")).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime);
            await page.FillAsync("#Code", code);
            await page.ClickAsync("main form button[type=submit]");
            Assert.Equal(10, await page.Locator(".recovery-codes li").CountAsync());
            await page.ClickAsync("main a.button");
            await page.WaitForSelectorAsync("#tasks-heading");

            await page.SelectOptionAsync("#culture-select", "sr-Cyrl");
            await page.ClickAsync("form[action='/culture'] button[type=submit]");
            await page.WaitForFunctionAsync("document.documentElement.lang === 'sr-Cyrl'");
            var strategyLink = page.Locator(".site-nav a[href='/strategy']");
            Assert.Equal("Стратегија", (await strategyLink.InnerTextAsync()).Trim());

            await strategyLink.ClickAsync();
            await page.WaitForURLAsync("**/strategy");
            Assert.Equal(30, await page.Locator(".measure-list a").CountAsync());
            await page.ClickAsync("a[href='/strategy/measures/4.2']");
            await page.WaitForURLAsync("**/strategy/measures/4.2");
            var heading = await page.InnerTextAsync("h1");
            Assert.Contains("4.2", heading, StringComparison.Ordinal);
            Assert.Contains(heading, c => c is >= '\u0400' and <= '\u04FF');
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "measure-4.2-sr-Cyrl.png"), FullPage = true });

            await page.ClickAsync(".user-menu button[type=submit]");
            await page.WaitForURLAsync("**/account/sign-in**");
            await page.GotoAsync(spona.BaseAddress + "/strategy");
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
        await spona.WaitForSetupLinkAsync(TimeSpan.FromSeconds(90));
        var page = await browser.NewPageAsync();
        await page.GotoAsync(spona.BaseAddress + "/account/sign-in");

        await page.Keyboard.PressAsync("Tab");

        Assert.Equal("skip-link", await page.EvaluateAsync<string>("document.activeElement.className"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));
    }
}
