using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Mail;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Mail;

/// <summary>The application sending mail through a real SMTP server in this process, with notice e-mails on.</summary>
public sealed class NoticeMailFixture : AppFixture, IAsyncLifetime
{
    public const string LinkBaseUrl = "https://spona.example.test";

    public TestSmtpServer Smtp { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "Spona <spona@example.test>",
        ["Smtp:PollSeconds"] = "1",
        ["Smtp:RetrySeconds"] = "1",
        ["Smtp:MaxAttempts"] = "3",
        ["Smtp:LinkBaseUrl"] = LinkBaseUrl + "/",
    };

    public override async Task InitializeAsync()
    {
        Smtp = TestSmtpServer.Start();
        await base.InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// New notices are e-mailed (ADR 0026): one mail per person per save, in the person's language, with the number of
/// notices, a pseudonymous code and a link, and nothing else: no name, no subject of the notice. The mail is queued in
/// the notice's own transaction; disabled accounts and people who turned it off get none.
/// </summary>
public sealed class NoticeMailTests(NoticeMailFixture app) : IClassFixture<NoticeMailFixture>
{
    private static readonly NotificationKind Probe = new("test.notice-mail", "A test notice.");

    private async Task<(Guid Id, string Email, string Canary)> PersonAsync(Action<SponaUser>? change = null)
    {
        var canary = "Canary Zvjezdana " + Guid.NewGuid().ToString("N")[..8];
        var email = await app.CreateUserAsync(Roles.Analyst, displayName: canary);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        if (change is not null)
        {
            change(user);
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        return (user.Id, email, canary);
    }

    /// <summary>Raises the notices in one save; returns their ids and how many mails the save queued.</summary>
    private async Task<(List<Guid> Notices, int Queued)> NotifyAsync(params (Guid Recipient, string Subject)[] notices)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var (recipient, subject) in notices)
        {
            notifier.Notify(recipient, Probe, subject, "/notifications");
        }

        var ids = db.ChangeTracker.Entries<Notification>().Select(e => e.Entity).OrderBy(n => n.CreatedAt).Select(n => n.Id).ToList();
        await db.SaveChangesAsync();
        return (ids, db.ChangeTracker.Entries<OutboxMail>().Count(e => e.Entity.Kind == NoticeMailInterceptor.Kind));
    }

    [Fact]
    public async Task NoticesOfOneSave_AreOneMailPerPerson_WithCodeAndLink_AndNoPersonalData()
    {
        var first = await PersonAsync(u => u.PreferredCulture = "hr");
        var second = await PersonAsync();
        var subject = "Task:" + first.Canary;

        var (notices, queued) = await NotifyAsync((first.Id, subject), (first.Id, "Task:other"), (second.Id, "Task:third"));

        Assert.Equal(2, queued);
        var (raw, message) = await app.Smtp.WaitForAsync(first.Email);
        await app.Smtp.WaitForAsync(second.Email);
        Assert.Equal("Nove obavijesti u Sponi: 2", message.Subject);
        Assert.Contains(NoticeMailFixture.LinkBaseUrl + "/notifications", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(NoticeMailInterceptor.Code(notices[0]), message.TextBody, StringComparison.Ordinal);
        Assert.Matches("^N-[0-9a-f]{8}$", NoticeMailInterceptor.Code(notices[0]));
        var text = Encoding.UTF8.GetString(raw);
        Assert.DoesNotContain("Zvjezdana", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Task:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Zvjezdana", await MailTables.RawOutboxAsync(app), StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Single(app.Smtp.Received, m => m.Message.To.Mailboxes.Any(a => a.Address == first.Email));

        // The link leads, once signed in, to the notices page, where the mail's code names the notice.
        var link = System.Text.RegularExpressions.Regex.Match(message.TextBody!, @"https://\S+").Value;
        Assert.StartsWith(NoticeMailFixture.LinkBaseUrl + "/", link, StringComparison.Ordinal);
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, first.Email, AppFixture.Password);
        var page = await Html.GetAsync(client, new Uri(link).PathAndQuery);
        var item = page.QuerySelectorAll(".notification-list li").Single(li => li.QuerySelector(".notice-code")?.TextContent == NoticeMailInterceptor.Code(notices[0]));
        Assert.Equal(subject, item.QuerySelector("code")!.TextContent);
    }

    [Fact]
    public async Task DisabledOrOptedOutPeople_GetNoMail_ButTheNotice()
    {
        var disabled = await PersonAsync(u => u.IsDisabled = true);
        var optedOut = await PersonAsync(u => u.NoticeEmailsOff = true);

        var (notices, queued) = await NotifyAsync((disabled.Id, "Task:a"), (optedOut.Id, "Task:b"));

        Assert.Equal(0, queued);
        Assert.Equal(2, notices.Count);
    }

    [Fact]
    public async Task AFailedSave_QueuesNoMail()
    {
        var person = await PersonAsync();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            notifier.Notify(person.Id, Probe, "Task:a", "/notifications");
            // No such account: the foreign key fails the whole save.
            notifier.Notify(Guid.NewGuid(), Probe, "Task:b", "/notifications");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await Task.Delay(1500);
        Assert.DoesNotContain(app.Smtp.Received, m => m.Message.To.Mailboxes.Any(a => a.Address == person.Email));
        Assert.DoesNotContain(await MailTables.RowsAsync(app), m => m.Recipient == person.Email);
    }
}

/// <summary>Without <c>Smtp:LinkBaseUrl</c> no notice is e-mailed, though other mail is sent.</summary>
public sealed class NoticeMailWithoutLinkTests(MailFixture app) : IClassFixture<MailFixture>
{
    [Fact]
    public async Task WithoutLinkBaseUrl_NoNoticeIsEmailed()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var id = await app.UserIdAsync(email);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Notifier>().Notify(id, new NotificationKind("test.notice-mail", "A test notice."), "Task:a", "/notifications");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.SaveChangesAsync();

        Assert.Empty(db.ChangeTracker.Entries<OutboxMail>());
    }
}
