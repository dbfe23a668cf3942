using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Mail;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Mail;

/// <summary>
/// Each person turns the e-mails of their notices off and on (ADR 0026), on the notices page and in the API; the change
/// is audited with its old and new value, takes effect at the next notice, and bad input changes nothing. An
/// administrator sees the choice and cannot make it.
/// </summary>
public sealed class NoticeEmailPreferenceTests(NoticeMailFixture app) : IClassFixture<NoticeMailFixture>
{
    private const string Preferences = "/api/v1/notifications/preferences";

    private async Task<(HttpClient Client, Guid Id, string Email)> PersonAsync()
    {
        var email = await app.CreateUserAsync(Roles.CaseWorker);
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password);
        return (client, await app.UserIdAsync(email), email);
    }

    private async Task<bool> OffAsync(Guid id)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == id).Select(u => u.NoticeEmailsOff).SingleAsync();
    }

    /// <summary>Raises one notice for the person; returns how many notice mails that save queued.</summary>
    private async Task<int> NotifyAsync(Guid recipient)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Notifier>().Notify(recipient, new NotificationKind("test.notice-pref", "A test notice."), "Task:pref", "/notifications");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.SaveChangesAsync();
        return db.ChangeTracker.Entries<OutboxMail>().Count(e => e.Entity.Kind == NoticeMailInterceptor.Kind);
    }

    private async Task<List<AuditEntry>> ChangesAsync(Guid id)
    {
        await app.Factory.SealAuditAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var key = id.ToString();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.EntityKey == key && e.OperationType == "notifications.emails.change").OrderBy(e => e.Sequence).ToListAsync();
    }

    [Fact]
    public async Task Api_TurnsMailOffAndOn_TheNextNoticeFollows_AndEachChangeIsAuditedWithItsValues()
    {
        var (client, id, _) = await PersonAsync();
        var start = await client.GetJsonAsync(Preferences);
        Assert.True(start.GetProperty("emails").GetBoolean());
        Assert.True(start.GetProperty("serverSendsEmail").GetBoolean());

        var off = await client.PutJsonAsync(Preferences, new { emails = false }, HttpStatusCode.OK);
        Assert.False(off.GetProperty("emails").GetBoolean());
        Assert.True(await OffAsync(id));
        Assert.Equal(0, await NotifyAsync(id));
        // The same value again is no change and writes no entry.
        await client.PutJsonAsync(Preferences, new { emails = false }, HttpStatusCode.OK);

        var on = await client.PutJsonAsync(Preferences, new { emails = true }, HttpStatusCode.OK);
        Assert.True(on.GetProperty("emails").GetBoolean());
        Assert.False(await OffAsync(id));
        Assert.Equal(1, await NotifyAsync(id));

        var changes = await ChangesAsync(id);
        Assert.Equal(2, changes.Count);
        Assert.All(changes, e => Assert.Equal(id, e.ActorUserId));
        Assert.Contains("NoticeEmailsOff", changes[0].Changes!, StringComparison.Ordinal);
        Assert.Equal("user.notice-emails-off", changes[0].Action);
        Assert.Contains("\"old\":false,\"new\":true", changes[0].Changes!, StringComparison.Ordinal);
        Assert.Equal("user.notice-emails-on", changes[1].Action);
        Assert.Contains("\"old\":true,\"new\":false", changes[1].Changes!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"emails\":null}")]
    [InlineData("{\"emails\":\"no\"}")]
    [InlineData("{\"emails\":0}")]
    [InlineData("{\"emails\":false,\"emails\":true}")]
    [InlineData("{\"emails\":false,\"userId\":\"00000000-0000-0000-0000-000000000001\"}")]
    [InlineData("[false]")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Api_BadInput_IsA400_AndChangesNothing(string body)
    {
        var (client, id, _) = await PersonAsync();

        var response = await client.PutAsync(new Uri(Preferences, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.False(await OffAsync(id));
        Assert.Empty(await ChangesAsync(id));
    }

    [Fact]
    public async Task Api_WithoutSignIn_IsRefused_AndNoOneSetsAnotherPersonsChoice()
    {
        var (_, id, _) = await PersonAsync();
        var anonymous = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var response = await anonymous.PutAsync(new Uri(Preferences, UriKind.Relative), new StringContent("{\"emails\":false}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        // An administrator's own PUT changes the administrator's choice, never the person's.
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        await admin.PutJsonAsync(Preferences, new { emails = false }, HttpStatusCode.OK);
        Assert.False(await OffAsync(id));
    }

    [Fact]
    public async Task Page_CheckboxTurnsMailOffAndOn_WithAConfirmation_AndTheAdministratorSeesTheChoice()
    {
        var (client, id, email) = await PersonAsync();
        var page = await Html.GetAsync(client, "/notifications");
        var box = page.QuerySelector("#notice-emails");
        Assert.NotNull(box);
        Assert.True(box.HasAttribute("checked"));
        Assert.DoesNotContain("does not send", page.Text(".notice-emails"), StringComparison.Ordinal);

        // Unticked: only the hidden "false" is posted.
        var off = await Html.SubmitAsync(client, page, "form[action*='handler=Emails']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.True(await OffAsync(id));
        var after = await Html.GetAsync(client, "/notifications");
        Assert.Contains("no longer be e-mailed", after.Text(".notice-emails [role=status]"), StringComparison.Ordinal);
        Assert.False(after.QuerySelector("#notice-emails")!.HasAttribute("checked"));
        // The confirmation is shown once.
        Assert.Null((await Html.GetAsync(client, "/notifications")).QuerySelector(".notice-emails [role=status]"));

        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var detail = await Html.GetAsync(admin, $"/admin/users/{id}");
        Assert.Contains("Turned off by the person", detail.Body!.TextContent, StringComparison.Ordinal);
        var view = await admin.GetJsonAsync($"/api/v1/users/{id}");
        Assert.False(view.GetProperty("noticeEmails").GetBoolean());
        Assert.Equal(email, view.GetProperty("email").GetString());

        var on = await Html.SubmitAsync(client, after, "form[action*='handler=Emails']", new Dictionary<string, string> { ["emails"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.False(await OffAsync(id));
        Assert.Contains("will also be e-mailed", (await Html.GetAsync(client, "/notifications")).Text(".notice-emails [role=status]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_PostWithoutAValue_IsA400_AndChangesNothing()
    {
        var (client, id, _) = await PersonAsync();
        var page = await Html.GetAsync(client, "/notifications");
        var token = page.QuerySelector("form[action*='handler=Emails'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync(new Uri("/notifications?handler=Emails", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("emails", "perhaps")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await OffAsync(id));
    }
}

/// <summary>Without <c>Smtp:LinkBaseUrl</c> the choice can still be made, and the page says that nothing is e-mailed now.</summary>
public sealed class NoticeEmailPreferenceWithoutMailTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task WithoutNoticeMail_ThePageSaysSo_AndTheApiReportsIt()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password);

        var view = await client.GetJsonAsync("/api/v1/notifications/preferences");
        Assert.True(view.GetProperty("emails").GetBoolean());
        Assert.False(view.GetProperty("serverSendsEmail").GetBoolean());
        var page = await Html.GetAsync(client, "/notifications");
        Assert.Contains("does not send notice e-mails", page.Text(".notice-emails"), StringComparison.Ordinal);
    }
}
