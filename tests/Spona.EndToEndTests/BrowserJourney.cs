using Microsoft.Playwright;

namespace Spona.EndToEndTests;

/// <summary>
/// One Spona process on a fresh data folder and Debian's Chromium (/usr/bin/chromium, never a downloaded browser) for
/// the journeys of one test class.
/// </summary>
public abstract class BrowserJourney : IAsyncLifetime
{
    protected static readonly string Artifacts = Environment.GetEnvironmentVariable("SPONA_TEST_ARTIFACTS") ?? Path.GetTempPath();

    protected SponaProcess Spona { get; private set; } = null!;

    protected IBrowser Browser { get; private set; } = null!;

    private IPlaywright playwright = null!;

    public virtual async Task InitializeAsync()
    {
        Spona = SponaProcess.Start(Settings());
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SPONA_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Configuration a journey gives its Spona process beside the defaults (environment variables).</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings() => null;

    public virtual async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await Spona.DisposeAsync();
    }

    /// <summary>
    /// Password, then two-factor enrollment with the key the page shows (what a phone app would read from the QR code).
    /// Returns the key, as the phone keeps it.
    /// </summary>
    protected static async Task<string> SignInAndEnrollAsync(IPage page, string email, string password)
    {
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("main form button[type=submit]");
        // Wait for what the person sees, not for load events: the enrollment form with its key.
        await page.WaitForSelectorAsync(".secret-key");
        Assert.Contains("/account/two-factor", page.Url, StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,", await page.GetAttributeAsync(".qr-code img", "src"), StringComparison.Ordinal);
        var key = (await page.InnerTextAsync(".secret-key")).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.FillAsync("#Code", new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime));
        await page.ClickAsync("main form button[type=submit]");
        Assert.Equal(10, await page.Locator(".recovery-codes li").CountAsync());
        await page.ClickAsync("main a.button");
        await WaitForStartPageAsync(page);
        return key;
    }

    /// <summary>
    /// Signs in with password and a code from the authenticator app. Each 30-second code works once, so this waits for
    /// a code the account has not used yet, as a person would.
    /// </summary>
    protected static async Task SignInAsync(IPage page, string email, string password, string key, long lastUsedStep)
    {
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForSelectorAsync("#Code");
        while (CurrentStep() <= lastUsedStep)
        {
            await Task.Delay(500);
        }

        await page.FillAsync("#Code", new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime));
        await page.ClickAsync("main form button[type=submit]");
        await WaitForStartPageAsync(page);
    }

    /// <summary>
    /// The start page, signed in, for every role: its "My tasks" card is there only for people who work tasks (an
    /// analyst has none), so this waits for the start page itself.
    /// </summary>
    protected static async Task WaitForStartPageAsync(IPage page)
    {
        await page.WaitForSelectorAsync(".site-nav a[href='/'][aria-current='page']");
        await page.WaitForSelectorAsync("main h1");
    }

    /// <summary>
    /// Waits until the address matches and then until the new page's own content is there. The browser's "load" event
    /// is not waited for: under a loaded CI machine Chromium once rendered measure 4.2 completely and reported network
    /// idle, yet Playwright never saw "load" within 20 s. What the person sees is what the journey asserts on.
    /// </summary>
    protected static async Task WaitForPageAsync(IPage page, string urlGlob, string contentSelector)
    {
        await page.WaitForURLAsync(urlGlob, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync(contentSelector);
        // The whole document is parsed (counts and texts below are complete), without waiting for "load".
        await page.WaitForFunctionAsync("document.readyState !== 'loading'");
    }

    protected static long CurrentStep() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30;
}
