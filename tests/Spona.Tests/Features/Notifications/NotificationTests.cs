using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Features.Notifications;

/// <summary>
/// Notices in the application: a count in the header, a list newest first with paging, marking read; a person sees and
/// marks only their own, on the page and in the API.
/// </summary>
public sealed class NotificationTests(NotificationTests.Fixture app) : IClassFixture<NotificationTests.Fixture>
{
    // A kind a module registered: the list shows its text in the reader's language.
    private static readonly NotificationKind Probe = Spona.Web.Features.Users.UsersModule.RoleRequested;

    private async Task<(HttpClient Client, Guid Id, string Email)> PersonAsync()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password);
        return (client, await app.UserIdAsync(email), email);
    }

    private async Task NotifyAsync(Guid recipient, int count, string subject = "Account:probe")
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Notifier>().Notify(recipient, Probe, $"{subject}-{i}", $"/notifications?n={i}");
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
            // Distinct creation times, so that "newest first" is a real order.
            await Task.Delay(5);
        }
    }

    private static async Task<string?> BadgeAsync(HttpClient client) =>
        (await Html.GetAsync(client, "/")).QuerySelector(".notifications-link .count-badge [aria-hidden]")?.TextContent;

    [Fact]
    public async Task Header_CountsUnread_AndTheListShowsNewestFirst_AndMarkingReadLowersTheCount()
    {
        var (client, id, _) = await PersonAsync();
        Assert.Null(await BadgeAsync(client));
        await NotifyAsync(id, 3);

        Assert.Equal("3", await BadgeAsync(client));
        var list = await Html.GetAsync(client, "/notifications");
        var items = list.QuerySelectorAll(".notification-list li");
        Assert.Equal(3, items.Length);
        Assert.Equal(["Account:probe-2", "Account:probe-1", "Account:probe-0"], items.Select(i => i.QuerySelector("code")!.TextContent));

        var marked = await Html.SubmitAsync(client, list, ".notification-list li form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Equal("2", await BadgeAsync(client));

        var again = await Html.GetAsync(client, "/notifications");
        await Html.SubmitAsync(client, again, "form[action*='handler=ReadAll']", new Dictionary<string, string>());
        Assert.Null(await BadgeAsync(client));
        Assert.Empty((await Html.GetAsync(client, "/notifications")).QuerySelectorAll(".notification-unread"));
    }

    [Fact]
    public async Task List_IsPaged()
    {
        var (client, id, _) = await PersonAsync();
        await NotifyAsync(id, 27);

        var first = await Html.GetAsync(client, "/notifications");
        var second = await Html.GetAsync(client, "/notifications?p=2");
        var api = await client.GetJsonAsync("/api/v1/notifications?page=2&pageSize=10");

        Assert.Equal(25, first.QuerySelectorAll(".notification-list li").Length);
        Assert.Equal(2, second.QuerySelectorAll(".notification-list li").Length);
        Assert.Equal("Account:probe-0", second.QuerySelectorAll(".notification-list li code")[^1].TextContent);
        Assert.Equal(10, api.GetProperty("items").GetArrayLength());
        Assert.Equal(27, api.GetProperty("total").GetInt32());
        Assert.Equal(27, api.GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task Api_ListsMarksOneAndMarksAll()
    {
        var (client, id, _) = await PersonAsync();
        await NotifyAsync(id, 2);

        var list = await client.GetJsonAsync("/api/v1/notifications");
        var newest = list.GetProperty("items")[0];
        Assert.Equal("user.role-requested", newest.GetProperty("kind").GetString());
        Assert.Equal("A role waits for your approval", newest.GetProperty("text").GetString());
        Assert.Equal("/notifications?n=1", newest.GetProperty("link").GetString());
        var read = await client.PostAsync(new Uri($"/api/v1/notifications/{newest.GetProperty("id").GetGuid()}/read", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        Assert.Equal(1, (await client.GetJsonAsync("/api/v1/notifications?unread=true")).GetProperty("total").GetInt32());

        var all = await client.PostJsonAsync("/api/v1/notifications/read-all", new { }, HttpStatusCode.OK);

        Assert.Equal(1, all.GetProperty("marked").GetInt32());
        Assert.Equal(0, (await client.GetJsonAsync("/api/v1/notifications")).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task AnotherPersonsNotification_IsNotFound_AndStaysUnread()
    {
        var (owner, ownerId, _) = await PersonAsync();
        var (other, _, _) = await PersonAsync();
        await NotifyAsync(ownerId, 1, "Account:owned");
        var notice = (await owner.GetJsonAsync("/api/v1/notifications")).GetProperty("items")[0].GetProperty("id").GetGuid();

        var byApi = await other.PostAsync(new Uri($"/api/v1/notifications/{notice}/read", UriKind.Relative), null);
        var otherPage = await Html.GetAsync(other, "/notifications");
        var byPage = await other.PostAsync(
            new Uri($"/notifications?handler=Read&id={notice}", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", otherPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        var readAll = await other.PostJsonAsync("/api/v1/notifications/read-all", new { }, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, byApi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byPage.StatusCode);
        Assert.Equal(0, readAll.GetProperty("marked").GetInt32());
        Assert.Equal(0, (await other.GetJsonAsync("/api/v1/notifications")).GetProperty("total").GetInt32());
        Assert.DoesNotContain("Account:owned", otherPage.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(1, (await owner.GetJsonAsync("/api/v1/notifications")).GetProperty("unread").GetInt32());
        Assert.Equal("1", await BadgeAsync(owner));
    }

    [Fact]
    public async Task HeaderCount_IsOneQuery_OnThePartialIndexOfUnreadNotices()
    {
        var (client, id, _) = await PersonAsync();
        await NotifyAsync(id, 1);
        await client.GetAsync(new Uri("/", UriKind.Relative));

        var before = app.Factory.Logs.Events.Count;
        Assert.Equal("1", await BadgeAsync(client));
        var queries = app.Factory.Logs.Events.Skip(before)
            .Where(e => e.Event.Name == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted" && e.Message.Contains("\"Notifications\"", StringComparison.Ordinal))
            .ToList();

        Assert.Single(queries);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // The statement the header runs (EF's text of it, with the id written in).
        var id36 = db.Database.IsNpgsql() ? $"'{id}'" : $"'{id.ToString().ToUpperInvariant()}'";
        var plan = await PlanAsync(db, $"SELECT COUNT(*) FROM \"Notifications\" AS n WHERE n.\"RecipientId\" = {id36} AND n.\"ReadAt\" IS NULL");
        Assert.Contains(NotificationConfiguration.UnreadIndex, plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleRequest_NotifiesTheOtherAdministratorsOfTheInstitution_NotTheOneWhoAsked()
    {
        var askingEmail = await app.CreateUserAsync(Roles.SystemAdministrator);
        var asking = app.Factory.CreateBrowser();
        await Html.SignInAsync(asking, askingEmail, AppFixture.Password);
        var colleague = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var analyst = await app.SignedInClientAsync(Roles.Analyst);

        var invited = await asking.PostJsonAsync("/api/v1/users", new { email = $"auditor-{Guid.NewGuid():N}@example.test", displayName = "Synthetic Auditor", institution = "MSB", roles = new[] { Roles.Auditor } }, HttpStatusCode.Created);
        var account = invited.GetProperty("id").GetGuid();

        var notices = (await colleague.GetJsonAsync("/api/v1/notifications")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(notices, n => n.GetProperty("subjectReference").GetString() == $"Account:{account}" && n.GetProperty("link").GetString() == $"/admin/users/{account}");
        Assert.Equal(0, (await asking.GetJsonAsync("/api/v1/notifications")).GetProperty("total").GetInt32());
        Assert.DoesNotContain((await analyst.GetJsonAsync("/api/v1/notifications")).GetProperty("items").EnumerateArray(), n => n.GetProperty("subjectReference").GetString() == $"Account:{account}");
    }

    private static async Task<string> PlanAsync(AppDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using var command = connection.CreateCommand();
            var isPostgres = db.Database.IsNpgsql();
            if (isPostgres)
            {
                // A handful of rows: the planner would scan the table; forbid that to see which index it takes.
                command.CommandText = "SET enable_seqscan = off";
                await command.ExecuteNonQueryAsync();
            }

            command.CommandText = (isPostgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql;
            await using var reader = await command.ExecuteReaderAsync();
            var plan = new System.Text.StringBuilder();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    plan.Append(reader.GetValue(i)).Append(' ');
                }

                plan.AppendLine();
            }

            return plan.ToString();
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>The application with EF's executed commands in the captured log, to count the header's queries.</summary>
    public sealed class Fixture : AppFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        };
    }
}
