using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Spona.EndToEndTests;

/// <summary>
/// The administrator invites a case worker by e-mail (received by an SMTP server in this test process); the page shows
/// no link, the e-mail carries it and nothing about the person but the address it goes to; the person activates the
/// account with it, enrolls two-factor sign-in and creates a task of their own; the task becomes overdue and the
/// person is told. "On a fake clock": the Spona process runs on the real clock, so instead of waiting for the due time
/// the test moves the task's due time (and its at-risk time) into the past directly in the process's SQLite file, as a
/// clock moved forward would have it; the escalation, running every second, then raises the overdue notice.
/// </summary>
public sealed class OverdueTaskJourneyTests : BrowserJourney
{
    private const string PersonEmail = "radnica@example.test";
    private const string PersonName = "Sintetička Radnica Kanarinac";
    private readonly TestSmtpServer smtp = TestSmtpServer.Start();

    protected override IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp__Security"] = "None",
        ["Smtp__From"] = "Spona <spona@example.test>",
        ["Smtp__PollSeconds"] = "1",
        ["Tasks__EscalationIntervalSeconds"] = "1",
        ["Localization__DefaultCulture"] = "en",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task InvitedByEmail_PersonActivates_TaskBecomesOverdue_NoticeAppears()
    {
        const string password = "a long passphrase for the journey";
        const string personPassword = "another long passphrase, synthetic";
        var link = await Spona.WaitForSetupLinkAsync(TimeSpan.FromSeconds(90));
        var admin = await (await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" })).NewPageAsync();
        var person = await (await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" })).NewPageAsync();
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
            await admin.FillAsync("#Input_Email", PersonEmail);
            await admin.FillAsync("#Input_DisplayName", PersonName);
            await admin.SelectOptionAsync("#Input_Institution", "MSB");
            var institutionName = (await admin.InnerTextAsync("#Input_Institution option[value='MSB']")).Trim();
            await admin.CheckAsync("#role-CaseWorker");
            var roleLabel = (await admin.InnerTextAsync("label[for='role-CaseWorker']")).Trim();
            await admin.ClickAsync("main form button[type=submit]");
            await admin.WaitForSelectorAsync(".activation-emailed");
            Assert.Equal(0, await admin.Locator(".activation-link").CountAsync());
            Assert.DoesNotContain("token=", await admin.ContentAsync(), StringComparison.Ordinal);

            var (raw, message) = await smtp.WaitForAsync(PersonEmail, TimeSpan.FromSeconds(60));
            Assert.Equal(PersonEmail, Assert.Single(message.To.Mailboxes).Address);
            var rawText = System.Text.Encoding.UTF8.GetString(raw);
            var text = message.TextBody + "\n" + message.HtmlBody + "\n" + message.Subject + "\n" + string.Join("\n", message.Headers.Select(h => h.Value));
            foreach (var secret in new[] { PersonName, "Kanarinac", institutionName, "MSB", "CaseWorker", roleLabel })
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }

            // Nor in any encoding of it on the wire (a long canary: a short word could occur in base64 by chance).
            Assert.DoesNotContain("Kanarinac", rawText, StringComparison.OrdinalIgnoreCase);

            var activation = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"http://\S+/account/activate\?user=[0-9a-fA-F-]+&token=\S+").Value;
            Assert.StartsWith(Spona.BaseAddress, activation, StringComparison.Ordinal);

            await person.GotoAsync(activation);
            await person.FillAsync("#Input_Password", personPassword);
            await person.FillAsync("#Input_ConfirmPassword", personPassword);
            await person.ClickAsync("main form button[type=submit]");
            await person.WaitForSelectorAsync(".notice-success");
            Assert.Contains("activated=True", person.Url, StringComparison.Ordinal);
            await SignInAndEnrollAsync(person, PersonEmail, personPassword);

            // A task of the person's own, due in two days (10:00 Sarajevo time).
            await person.GotoAsync(Spona.BaseAddress + "/tasks/new");
            await person.FillAsync("#title", "Nazvati centar za socijalni rad");
            await person.FillAsync("#due", TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(2).ToString("yyyy-MM-dd'T'10:00", CultureInfo.InvariantCulture));
            var self = await person.Locator("#assignee option", new PageLocatorOptions { HasText = PersonName }).GetAttributeAsync("value");
            await person.SelectOptionAsync("#assignee", self!);
            await person.ClickAsync("main form button[type=submit]");
            await person.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/tasks/[0-9a-f-]{36}$"));
            var taskId = Guid.Parse(person.Url[^36..]);
            Assert.Equal(0, await person.Locator("main .tag-danger").CountAsync());

            // The fake clock: the due time has passed.
            MoveDueTimeIntoThePast(taskId);

            // The escalation runs every second: the header shows the count on a (bounded) reload.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (await person.Locator(".notifications-link .count-badge").CountAsync() == 0)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "No notification count appeared in the header.");
                await Task.Delay(1000);
                await person.ReloadAsync();
            }

            Assert.Equal("1", (await person.InnerTextAsync(".notifications-link .count-badge [aria-hidden]")).Trim());
            await person.ClickAsync(".notifications-link");
            await person.WaitForSelectorAsync(".notification-list");
            var notice = person.Locator(".notification-list .notification a", new PageLocatorOptions { HasText = "A task is overdue." });
            Assert.Equal(1, await notice.CountAsync());
            Assert.Equal($"/tasks/{taskId}", await notice.GetAttributeAsync("href"));
            await person.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "overdue-journey-notifications.png"), FullPage = true });

            await notice.ClickAsync();
            await person.WaitForURLAsync($"**/tasks/{taskId}");
            Assert.Equal("Overdue", (await person.InnerTextAsync("main .tag-danger")).Trim());

            await person.GotoAsync(Spona.BaseAddress + "/tasks");
            var first = person.Locator(".task-table tbody tr").First;
            Assert.Equal($"/tasks/{taskId}", await first.Locator("a").First.GetAttributeAsync("href"));
            Assert.Equal("Overdue", (await first.Locator(".tag-danger").InnerTextAsync()).Trim());
            await person.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "overdue-journey-tasks.png"), FullPage = true });
        }
        catch
        {
            await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "overdue-journey-failure-admin.png"), FullPage = true });
            await person.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "overdue-journey-failure-person.png"), FullPage = true });
            throw;
        }
    }

    /// <summary>
    /// Writes DueAt an hour ago and AtRiskAt two hours ago into the Tasks table, in the form EF Core writes a UTC
    /// DateTime on SQLite (ISO text, "yyyy-MM-dd HH:mm:ss.FFFFFFF").
    /// </summary>
    private void MoveDueTimeIntoThePast(Guid taskId)
    {
        var file = Directory.GetFiles(Spona.DataDirectory, "*.db", SearchOption.AllDirectories).Single();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 30 }.ToString());
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT DueAt FROM Tasks WHERE upper(Id) = upper($id)";
        read.Parameters.AddWithValue("$id", taskId.ToString());
        var before = (string)read.ExecuteScalar()!;
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", before);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE Tasks SET DueAt = $due, AtRiskAt = $risk WHERE upper(Id) = upper($id)";
        update.Parameters.AddWithValue("$due", now.AddHours(-1).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        update.Parameters.AddWithValue("$risk", now.AddHours(-2).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        update.Parameters.AddWithValue("$id", taskId.ToString());
        Assert.Equal(1, update.ExecuteNonQuery());
    }
}
