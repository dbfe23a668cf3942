using Microsoft.Playwright;

namespace Spona.EndToEndTests;

/// <summary>
/// Looks at the main pages as people see them: Chromium screenshots at 1280 px and 390 px wide, in English and Serbian
/// Cyrillic, saved under <c>$SPONA_TEST_ARTIFACTS/screenshots</c> for a person to look at; and on each page the checks
/// a person would make: nothing wider than the screen, the header in one row on a desktop screen, and every header and
/// footer text readable against its background (WCAG AA, contrast at least 4.5:1).
/// </summary>
public sealed class PageLookJourneyTests : BrowserJourney
{
    private const string Password = "a long passphrase for the journey";

    private static readonly string Shots = Path.Combine(Artifacts, "screenshots");

    private static readonly (string Culture, int Width)[] Looks = [("en", 1280), ("en", 390), ("sr-Cyrl", 1280), ("sr-Cyrl", 390)];

    /// <summary>Text in the header and footer whose contrast with its background is below 4.5:1.</summary>
    private const string LowContrastScript = """
        () => {
          const parse = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
          const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          const luminance = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
          const background = el => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
          const low = [];
          for (const el of document.querySelectorAll('header a, header button, header label, header select, header .user-name, header .brand-tagline, footer a, footer p')) {
            if (el.getClientRects().length === 0) continue;
            const fg = luminance(parse(getComputedStyle(el).color)), bg = luminance(background(el));
            const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
            if (ratio < 4.5) low.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}": ${ratio.toFixed(2)}`);
          }
          return low;
        }
        """;

    /// <summary>How far the page is wider than the window (0 or less when it fits), then what sticks out.</summary>
    private const string OverflowScript = """
        () => {
          const width = document.documentElement.clientWidth;
          const over = [...document.querySelectorAll('body *')]
            .filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().right > width + 1 && !e.closest('.table-scroll'))
            .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className}`);
          return [String(document.documentElement.scrollWidth - window.innerWidth), ...over];
        }
        """;

    /// <summary>Whether every visible item of the header row, and of the menu, sits on one line.</summary>
    private const string OneRowScript = """
        selector => {
          const row = document.querySelector(selector);
          if (!row) return true;
          const boxes = [...row.children].filter(e => e.getClientRects().length > 0).map(e => e.getBoundingClientRect());
          return boxes.length === 0 || Math.max(...boxes.map(b => b.top)) < Math.min(...boxes.map(b => b.bottom));
        }
        """;

    private readonly List<string> problems = [];

    [Fact]
    public async Task MainPages_InEnglishAndSerbianCyrillic_AtDesktopAndPhoneWidth_FitAndAreReadable()
    {
        Directory.CreateDirectory(Shots);
        var link = await Spona.WaitForSetupLinkAsync(TimeSpan.FromSeconds(90));
        var admin = await (await Browser.NewContextAsync()).NewPageAsync();
        var auditor = await (await Browser.NewContextAsync()).NewPageAsync();
        var anonymous = await (await Browser.NewContextAsync()).NewPageAsync();
        foreach (var page in new[] { admin, auditor, anonymous })
        {
            page.SetDefaultTimeout(20_000);
        }

        try
        {
            await admin.GotoAsync(link);
            await admin.FillAsync("#Input_DisplayName", "Administratorica Sintetičkog Imena");
            await admin.FillAsync("#Input_Email", "administratorica.sinteticka@example.test");
            await admin.FillAsync("#Input_Password", Password);
            await admin.FillAsync("#Input_ConfirmPassword", Password);
            await admin.ClickAsync("main form button[type=submit]");
            await admin.WaitForSelectorAsync(".notice-success");
            await SignInAndEnrollAsync(admin, "administratorica.sinteticka@example.test", Password);

            var analystLink = await InviteAsync(admin, "analiticar.sa.dugim.imenom@example.test", "Sintetički Analitičar", "Analyst");
            var auditorLink = await InviteAsync(admin, "revizorka@example.test", "Sintetička Revizorka", "Auditor");
            await ApproveBySecondAdministratorAsync("revizorka@example.test");
            await auditor.GotoAsync(auditorLink);
            await auditor.FillAsync("#Input_Password", Password);
            await auditor.FillAsync("#Input_ConfirmPassword", Password);
            await auditor.ClickAsync("main form button[type=submit]");
            await auditor.WaitForSelectorAsync(".notice-success");
            await SignInAndEnrollAsync(auditor, "revizorka@example.test", Password);
            Assert.StartsWith(Spona.BaseAddress + "/account/activate?user=", analystLink, StringComparison.Ordinal);

            await admin.GotoAsync(Spona.BaseAddress + "/admin/users");
            var analystDetail = Spona.BaseAddress + await admin.GetAttributeAsync("tbody a:text-is('analiticar.sa.dugim.imenom@example.test')", "href");

            foreach (var (culture, width) in Looks)
            {
                foreach (var page in new[] { admin, auditor, anonymous })
                {
                    await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = culture });
                    await page.SetViewportSizeAsync(width, 900);
                }

                foreach (var (name, path) in AdministratorPages)
                {
                    await admin.GotoAsync(Spona.BaseAddress + path);
                    await LookAsync(admin, name, culture, width);
                }

                await admin.GotoAsync(analystDetail);
                await admin.ClickAsync("form[action*='handler=ActivationLink'] button");
                await admin.WaitForSelectorAsync(".activation-link");
                await LookAsync(admin, "user-detail-activation-link", culture, width);

                await admin.GotoAsync(Spona.BaseAddress + "/admin/users/invite");
                await LookAsync(admin, "invite", culture, width);
                await InviteAsync(admin, $"pozvana.osoba.{culture.ToLowerInvariant()}.{width}@example.test", "Pozvana Osoba s Vrlo Dugim Imenom i Prezimenom", "MonitoringTeamMember");
                await LookAsync(admin, "invite-activation-link", culture, width);

                await auditor.GotoAsync(Spona.BaseAddress + "/audit");
                await auditor.WaitForSelectorAsync("main table, main .empty-state");
                await LookAsync(auditor, "audit", culture, width);

                await anonymous.GotoAsync(Spona.BaseAddress + "/account/sign-in");
                await LookAsync(anonymous, "sign-in", culture, width);
            }

            // Last, because it throttles every sign-in from this address for a minute.
            foreach (var (culture, width) in Looks)
            {
                await anonymous.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = culture });
                await anonymous.SetViewportSizeAsync(width, 900);
                await ThrottleSignInAsync(anonymous);
                await LookAsync(anonymous, "error-429-sign-in", culture, width);
            }

            Assert.True(problems.Count == 0, "What a person would see wrong:\n" + string.Join("\n", problems));
        }
        catch
        {
            await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "look-journey-failure-admin.png"), FullPage = true });
            await auditor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "look-journey-failure-auditor.png"), FullPage = true });
            await anonymous.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "look-journey-failure-anonymous.png"), FullPage = true });
            throw;
        }
    }

    private static (string Name, string Path)[] AdministratorPages =>
    [
        ("home", "/"),
        ("strategy", "/strategy"),
        ("measure-4.2", "/strategy/measures/4.2"),
        ("users", "/admin/users"),
        ("roles", "/admin/roles"),
        ("institutions", "/reference/institutions"),
        ("tokens", "/account/tokens"),
        ("password", "/account/password"),
        ("two-factor", "/account/two-factor"),
        ("notifications", "/notifications"),
        ("error-404", "/no/such/page"),
    ];

    /// <summary>
    /// The Auditor role waits for a second administrator (four eyes): the operator creates one on the command line, who
    /// signs in and approves it on the account's page.
    /// </summary>
    private async Task ApproveBySecondAdministratorAsync(string email)
    {
        var passwordFile = Path.Combine(Spona.DataDirectory, "second-admin-password.txt");
        await File.WriteAllTextAsync(passwordFile, Password + "\n");
        var (exitCode, output) = await Spona.RunCommandAsync("admin", "create", "--email", "drugi.administrator@example.test", "--password-file", passwordFile, "--name", "Drugi Administrator");
        File.Delete(passwordFile);
        Assert.True(exitCode == 0, output);

        var second = await (await Browser.NewContextAsync()).NewPageAsync();
        second.SetDefaultTimeout(20_000);
        await second.GotoAsync(Spona.BaseAddress + "/account/sign-in");
        await SignInAndEnrollAsync(second, "drugi.administrator@example.test", Password);
        await second.GotoAsync(Spona.BaseAddress + "/admin/users");
        await second.ClickAsync($"tbody a:text-is('{email}')");
        await second.ClickAsync("form[action*='handler=ApproveRole'] button");
        await second.WaitForSelectorAsync(".notice-success");
        // A role that oversees, asked for by the second administrator: the first gets a notice (its count in the
        // header is on every screenshot of the administrator's pages).
        await InviteAsync(second, "drugi.revizor@example.test", "Drugi Sintetički Revizor", "Auditor");
        await second.Context.CloseAsync();
    }

    /// <summary>Invites a person through the form, as an administrator does; returns the activation link shown.</summary>
    private async Task<string> InviteAsync(IPage admin, string email, string name, string role)
    {
        await admin.GotoAsync(Spona.BaseAddress + "/admin/users/invite");
        await admin.FillAsync("#Input_Email", email);
        await admin.FillAsync("#Input_DisplayName", name);
        await admin.SelectOptionAsync("#Input_Institution", "MSB");
        await admin.CheckAsync($"#role-{role}");
        await admin.ClickAsync("main form button[type=submit]");
        await admin.WaitForSelectorAsync(".activation-link");
        return (await admin.InnerTextAsync(".activation-link")).Trim();
    }

    /// <summary>Wrong passwords until the sign-in is throttled; the person then sees the 429 page.</summary>
    private static async Task ThrottleSignInAsync(IPage page)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await page.GotoAsync(page.Url.Contains("/account/sign-in", StringComparison.Ordinal) ? page.Url : page.Url[..page.Url.IndexOf('/', 8)] + "/account/sign-in");
            if (await page.Locator("#Input_Email").CountAsync() == 0)
            {
                continue;
            }

            await page.FillAsync("#Input_Email", "nobody@example.test");
            await page.FillAsync("#Input_Password", "a wrong password, guessed");
            var response = await page.RunAndWaitForResponseAsync(
                () => page.ClickAsync("main form button[type=submit]"),
                r => r.Request.Method == "POST" && r.Url.Contains("/account/sign-in", StringComparison.Ordinal));
            await page.WaitForSelectorAsync("main h1");
            if (response.Status == 429)
            {
                return;
            }
        }

        throw new InvalidOperationException("The sign-in was never throttled.");
    }

    private async Task LookAsync(IPage page, string name, string culture, int width)
    {
        var where = $"{name} ({culture}, {width} px)";
        await page.WaitForSelectorAsync("footer.site-footer");
        Assert.Equal(culture, await page.GetAttributeAsync("html", "lang"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"{name}-{culture}-{width}.png"), FullPage = true });

        var overflow = await page.EvaluateAsync<string[]>(OverflowScript);
        if (overflow[0] != "0" && !overflow[0].StartsWith('-'))
        {
            problems.Add($"{where}: the page is {overflow[0]} px wider than the screen ({string.Join(", ", overflow.Skip(1))})");
        }

        foreach (var low in await page.EvaluateAsync<string[]>(LowContrastScript))
        {
            problems.Add($"{where}: low contrast, {low}");
        }

        if (width >= 1280)
        {
            foreach (var row in new[] { ".utility-row", ".header-row", ".site-nav ul" })
            {
                if (!await page.EvaluateAsync<bool>(OneRowScript, row))
                {
                    problems.Add($"{where}: '{row}' wraps onto a second line");
                }
            }
        }
    }
}
