using Microsoft.Playwright;

namespace Spona.EndToEndTests;

/// <summary>
/// The administrator invites a person; the person activates the account with the handed-over link, sets up two-factor
/// sign-in and works; the person forgets the password, the administrator hands over a new password link, and the person
/// sets a new password with it and signs in; the administrator disables the account and the person's open session ends
/// at once.
/// </summary>
public sealed class UserAdministrationJourneyTests : BrowserJourney
{
    [Fact]
    public async Task Administrator_InvitesAPerson_WhoActivatesEnrollsAndWorks_UntilDisabled()
    {
        const string password = "a long passphrase for the journey";
        var link = await Spona.WaitForSetupLinkAsync(TimeSpan.FromSeconds(90));
        var admin = await Browser.NewPageAsync();
        var person = await (await Browser.NewContextAsync()).NewPageAsync();
        admin.SetDefaultTimeout(20_000);
        person.SetDefaultTimeout(20_000);
        try
        {
            await admin.GotoAsync(link);
            await admin.FillAsync("#Input_DisplayName", "Administratorica");
            await admin.FillAsync("#Input_Email", "admin@example.test");
            await admin.FillAsync("#Input_Password", password);
            await admin.FillAsync("#Input_ConfirmPassword", password);
            await admin.ClickAsync("main form button[type=submit]");
            await admin.WaitForSelectorAsync(".notice-success");
            await SignInAndEnrollAsync(admin, "admin@example.test", password);

            await admin.ClickAsync(".site-nav a[href='/admin/users']");
            await admin.ClickAsync("a[href='/admin/users/invite']");
            await admin.FillAsync("#Input_Email", "analiticar@example.test");
            await admin.FillAsync("#Input_DisplayName", "Sintetički Analitičar");
            await admin.SelectOptionAsync("#Input_Institution", "MSB");
            await admin.CheckAsync("#role-Analyst");
            await admin.ClickAsync("main form button[type=submit]");
            var activation = (await admin.InnerTextAsync(".activation-link")).Trim();

            await person.GotoAsync(activation);
            await person.FillAsync("#Input_Password", "another long passphrase, synthetic");
            await person.FillAsync("#Input_ConfirmPassword", "another long passphrase, synthetic");
            await person.ClickAsync("main form button[type=submit]");
            await person.WaitForSelectorAsync(".notice-success");
            Assert.Contains("activated=True", person.Url, StringComparison.Ordinal);
            var key = await SignInAndEnrollAsync(person, "analiticar@example.test", "another long passphrase, synthetic");
            var enrolledStep = CurrentStep();
            await person.ClickAsync(".site-nav a[href='/strategy']");
            await person.WaitForSelectorAsync(".measure-list a");

            // The person forgot the password: the administrator makes a new link and hands it over.
            await admin.GotoAsync(Spona.BaseAddress + "/admin/users");
            await admin.ClickAsync("tbody a:text-is('analiticar@example.test')");
            await admin.ClickAsync("form[action*='handler=ActivationLink'] button");
            await admin.WaitForSelectorAsync(".activation-link");
            var reset = (await admin.InnerTextAsync(".activation-link")).Trim();
            await person.GotoAsync(reset);
            await person.FillAsync("#Input_Password", "a new passphrase after forgetting");
            await person.FillAsync("#Input_ConfirmPassword", "a new passphrase after forgetting");
            await person.ClickAsync("main form button[type=submit]");
            await person.WaitForSelectorAsync(".notice-success");
            Assert.Contains("activated=True", person.Url, StringComparison.Ordinal);
            await SignInAsync(person, "analiticar@example.test", "a new passphrase after forgetting", key, enrolledStep);
            await person.ClickAsync(".site-nav a[href='/strategy']");
            await person.WaitForSelectorAsync(".measure-list a");

            await admin.ClickAsync("form[action*='handler=Disable'] button");
            await admin.WaitForSelectorAsync(".notice-success");

            await person.GotoAsync(Spona.BaseAddress + "/strategy");
            await person.WaitForSelectorAsync("#Input_Password");
            Assert.Contains("/account/sign-in", person.Url, StringComparison.Ordinal);
        }
        catch
        {
            await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "admin-journey-failure-admin.png"), FullPage = true });
            await person.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "admin-journey-failure-person.png"), FullPage = true });
            throw;
        }
    }
}
