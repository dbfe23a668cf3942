using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Mail;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Mail;

/// <summary>
/// With SMTP configured, invitations and password links go to the person by e-mail through a real SMTP server, the
/// administrator never sees the link, and the link in the mail works to the end. The mail and the outbox carry no
/// personal data beyond the address.
/// </summary>
public sealed partial class MailDeliveryTests(MailFixture app) : IClassFixture<MailFixture>
{
    private const string NewPassword = "a brand new synthetic passphrase";

    private static string Canary() => "Canary Zvjezdana " + Guid.NewGuid().ToString("N")[..8];

    private static string LinkIn(MimeMessage message)
    {
        var match = ActivationLink().Match(message.TextBody ?? "");
        Assert.True(match.Success, "No activation link in: " + message.TextBody);
        return match.Value;
    }

    private static async Task<string> SetPasswordByLinkAsync(HttpClient person, string url, string password)
    {
        var page = await Html.GetAsync(person, new Uri(url).PathAndQuery);
        var done = await Html.SubmitAsync(person, page, "main form", new Dictionary<string, string> { ["Input.Password"] = password, ["Input.ConfirmPassword"] = password });
        return done.StatusCode == HttpStatusCode.Redirect ? done.Headers.Location!.OriginalString : (await Html.ParseAsync(done)).Text(".error-summary");
    }

    [Fact]
    public async Task Invitation_IsEmailedInTheAdministratorsLanguage_AndItsLinkLeadsToAPasswordAndTwoFactorSignIn()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("bs");
        var email = $"invited-{Guid.NewGuid():N}@example.test";
        var canary = Canary();

        var form = await Html.GetAsync(admin, "/admin/users/invite");
        var created = await Html.ParseAsync(await Html.SubmitAsync(admin, form, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = canary,
            ["Input.Institution"] = "MSB",
            ["Input.Roles"] = Roles.Analyst,
        }));

        // The administrator is told that it was sent, and sees no link.
        Assert.NotNull(created.QuerySelector(".activation-emailed"));
        Assert.Null(created.QuerySelector(".activation-link"));
        Assert.DoesNotContain("/account/activate", created.DocumentElement.OuterHtml, StringComparison.Ordinal);

        var (raw, message) = await app.Smtp.WaitForAsync(email);
        Assert.Equal("Vaš račun u Sponi", message.Subject);
        Assert.Equal("spona@example.test", message.From.Mailboxes.Single().Address);
        Assert.Contains("kreiran je račun za vas", message.TextBody, StringComparison.Ordinal);

        var person = app.Factory.CreateBrowser();
        Assert.Equal("/account/sign-in?activated=True", await SetPasswordByLinkAsync(person, LinkIn(message), NewPassword));
        await Html.SignInAndEnrollAsync(person, email, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);

        // The planted name is in no message, in no outbox row, in no log line; the sent row keeps neither address nor text.
        Assert.DoesNotContain(canary, Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
        Assert.DoesNotContain("Zvjezdana", await MailTables.RawOutboxAsync(app), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Factory.Logs.Lines, l => l.Contains("Zvjezdana", StringComparison.Ordinal) || l.Contains(email, StringComparison.OrdinalIgnoreCase));
        var row = await MailTables.WaitForRowAsync(app, m => m.Kind == "account.invitation" && m.Status == OutboxMailStatus.Sent);
        Assert.Null(row.Recipient);
        Assert.Null(row.Body);
    }

    [Fact]
    public async Task NewPasswordLink_FromTheApi_IsEmailedInThePersonsLanguage_AndTheAdministratorGetsNoLink()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = await app.CreateUserAsync(Roles.Analyst, displayName: Canary());
        var id = await app.UserIdAsync(email);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();
            var user = (await users.FindByIdAsync(id.ToString()))!;
            user.PreferredCulture = "hr";
            await users.UpdateAsync(user);
        }

        var answer = await admin.PostJsonAsync($"/api/v1/users/{id}/activation-link", new { }, HttpStatusCode.OK);

        Assert.True(answer.GetProperty("emailed").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, answer.GetProperty("activationUrl").ValueKind);
        var (raw, message) = await app.Smtp.WaitForAsync(email);
        Assert.Equal("Nova poveznica za postavljanje lozinke u Sponi", message.Subject);
        Assert.DoesNotContain("Zvjezdana", Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
        var person = app.Factory.CreateBrowser();
        Assert.Equal("/account/sign-in?activated=True", await SetPasswordByLinkAsync(person, LinkIn(message), NewPassword));
        await Html.SignInAsync(person, email, NewPassword);
    }

    [Fact]
    public async Task NewPasswordLink_FromTheDetailPage_SaysItIsEmailed_AndShowsNoLink()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = await app.CreateUserAsync(Roles.Analyst);
        var id = await app.UserIdAsync(email);

        var detail = await Html.GetAsync(admin, $"/admin/users/{id}");
        var made = await Html.ParseAsync(await Html.SubmitAsync(admin, detail, "form[action*='handler=ActivationLink']", new Dictionary<string, string>()));

        Assert.Contains("e-mailed to the person", made.Text(".notice-success"), StringComparison.Ordinal);
        Assert.Null(made.QuerySelector(".activation-link"));
        var (_, message) = await app.Smtp.WaitForAsync(email);
        Assert.Equal("A new link to set your Spona password", message.Subject);
    }

    [Fact]
    public async Task TemporaryRefusal_IsRetried_AndTheMailArrives()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = $"retried-{Guid.NewGuid():N}@example.test";
        app.Smtp.RefuseNext(1);

        var answer = await admin.PostJsonAsync("/api/v1/users", new { email, displayName = Canary(), institution = "MSB", roles = new[] { Roles.Analyst } }, HttpStatusCode.Created);

        Assert.True(answer.GetProperty("emailed").GetBoolean());
        var (_, message) = await app.Smtp.WaitForAsync(email);
        Assert.Equal("Your Spona account", message.Subject);
        var rows = await MailTables.RowsAsync(app);
        Assert.Contains(rows, r => r.Status == OutboxMailStatus.Sent && r.Attempts == 2 && r.LastError == null);
    }

    [Fact]
    public async Task MailLeftInTheDatabase_IsSentByTheBackgroundSender()
    {
        // As a previous process (or another instance) would leave it: a committed row, and nobody woken.
        var email = $"left-{Guid.NewGuid():N}@example.test";
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<MailOutbox>().Queue("test.left-over", email, "Left over", "https://localhost/\n");
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        var (_, message) = await app.Smtp.WaitForAsync(email);

        Assert.Equal("Left over", message.Subject);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
    }

    [GeneratedRegex(@"https://[^\s]+/account/activate\?[^\s]+")]
    private static partial Regex ActivationLink();
}
