using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Tasks;

namespace Spona.Tests.Features.Tasks;

/// <summary>
/// Tasks with deadlines: created on the page and in the API, listed as "My tasks" and "My institution's tasks" with
/// overdue first, closed with a reason, reached only within the record scope, and escalated step by step as time
/// passes (on a fake clock): at risk, overdue to the supervisors, long overdue to the head of the institution.
/// </summary>
public sealed class TaskTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(HttpClient Client, Guid Id, string Email)> PersonAsync(string role, string? institutionCode = null)
    {
        var email = await app.CreateUserAsync(role, displayName: $"Worker {Guid.NewGuid():N}"[..20]);
        if (institutionCode is not null)
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            user.InstitutionId = await db.Institutions.Where(i => i.Code == institutionCode).Select(i => i.Id).SingleAsync();
            await users.UpdateAsync(user);
        }

        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password);
        return (client, await app.UserIdAsync(email), email);
    }

    private static object NewTask(string title, Guid? assignee = null, double inHours = 48) =>
        new { title, note = "Synthetic note", dueAt = TimeProvider.System.GetUtcNow().AddHours(inHours), assigneeUserId = assignee };

    [Fact]
    public async Task ACaseWorker_CreatesAssignsAndClosesATask_ThroughTheApi()
    {
        var (worker, me, _) = await PersonAsync(Roles.CaseWorker);
        var created = await worker.PostJsonAsync("/api/v1/tasks", NewTask("Call the guardian back", me), HttpStatusCode.Created);
        var id = created.GetProperty("task").GetProperty("id").GetGuid();
        Assert.Equal("Open", created.GetProperty("task").GetProperty("state").GetString());

        var mine = await worker.GetJsonAsync("/api/v1/tasks");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
        var institution = await worker.GetJsonAsync("/api/v1/tasks?view=institution");
        Assert.Contains(institution.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);

        // A stale version is refused and changes nothing; the current one closes the task; closing twice is a conflict.
        await worker.PostJsonAsync($"/api/v1/tasks/{id}/done", new { version = 99 }, HttpStatusCode.Conflict);
        var version = created.GetProperty("task").GetProperty("version").GetInt32();
        var done = await worker.PostJsonAsync($"/api/v1/tasks/{id}/done", new { version }, HttpStatusCode.OK);
        Assert.Equal("Done", done.GetProperty("task").GetProperty("state").GetString());
        await worker.PostJsonAsync($"/api/v1/tasks/{id}/done", new { version = (int?)null }, HttpStatusCode.Conflict);
        Assert.DoesNotContain((await worker.GetJsonAsync("/api/v1/tasks")).GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
        Assert.Contains((await worker.GetJsonAsync("/api/v1/tasks?state=done")).GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task CancellingNeedsAReason_AndBadInputChangesNothing()
    {
        var (worker, me, _) = await PersonAsync(Roles.CaseWorker);
        var (_, stranger, _) = await PersonAsync(Roles.CaseWorker, "SIPA");
        var created = await worker.PostJsonAsync("/api/v1/tasks", NewTask("Bring the documents", me), HttpStatusCode.Created);
        var id = created.GetProperty("task").GetProperty("id").GetGuid();
        var before = await CountAsync();

        var noReason = await worker.PostJsonAsync($"/api/v1/tasks/{id}/cancel", new { reason = "no" }, HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _), noReason.GetRawText());
        await worker.PostJsonAsync($"/api/v1/tasks/{id}/cancel", new { reason = " " }, HttpStatusCode.BadRequest);
        await worker.PostJsonAsync($"/api/v1/tasks/{id}/cancel", new { }, HttpStatusCode.BadRequest);
        await worker.PostJsonAsync("/api/v1/tasks", new { title = "", dueAt = TimeProvider.System.GetUtcNow().AddDays(1) }, HttpStatusCode.BadRequest);
        var past = await worker.PostJsonAsync("/api/v1/tasks", NewTask("Too late", inHours: -1), HttpStatusCode.BadRequest);
        Assert.True(past.GetProperty("errors").TryGetProperty("dueAt", out _));
        await worker.PostJsonAsync("/api/v1/tasks", new { title = "No due time" }, HttpStatusCode.BadRequest);
        var foreign = await worker.PostJsonAsync("/api/v1/tasks", NewTask("For someone elsewhere", stranger), HttpStatusCode.BadRequest);
        Assert.True(foreign.GetProperty("errors").TryGetProperty("assigneeUserId", out _));
        // Only a supervisor gives a task to someone else.
        await worker.PostJsonAsync($"/api/v1/tasks/{id}/assign", new { assigneeUserId = (Guid?)null }, HttpStatusCode.Forbidden);
        foreach (var query in new[] { "view=everyone", "state=late", "sort=title", "kind=nonsense" })
        {
            await worker.GetJsonAsync($"/api/v1/tasks?{query}", HttpStatusCode.BadRequest);
        }

        Assert.Equal(before, await CountAsync());
        var detail = await worker.GetJsonAsync($"/api/v1/tasks/{id}");
        Assert.Equal("Open", detail.GetProperty("task").GetProperty("state").GetString());

        var cancelsBefore = await CancelOperationsAsync();
        await worker.PostJsonAsync($"/api/v1/tasks/{id}/cancel", new { reason = new string('x', WorkTask.ReasonLength + 1) }, HttpStatusCode.BadRequest);
        Assert.Empty((await CancelOperationsAsync()).Except(cancelsBefore));
        var cancelled = await worker.PostJsonAsync($"/api/v1/tasks/{id}/cancel", new { reason = "The family moved abroad" }, HttpStatusCode.OK);
        Assert.Equal("Cancelled", cancelled.GetProperty("task").GetProperty("state").GetString());
        Assert.Equal("The family moved abroad", cancelled.GetProperty("cancelReason").GetString());
        // The cancellation is a declared operation of the trail, with its reason beside the chain.
        var operation = Assert.Single((await CancelOperationsAsync()).Except(cancelsBefore));
        Assert.Equal(("The family moved abroad", (Guid?)me), (operation.Reason, operation.Actor));
        // A cancelled task cannot be cancelled again: the answer is "changed meanwhile", and no operation is recorded.
        await worker.PostJsonAsync($"/api/v1/tasks/{id}/cancel", new { reason = "Once more, for nothing" }, HttpStatusCode.Conflict);
        Assert.Single((await CancelOperationsAsync()).Except(cancelsBefore));
    }

    private async Task<List<(Guid Id, string? Reason, Guid? Actor)>> CancelOperationsAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return [.. (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditOperation>().AsNoTracking()
            .Where(o => o.Type == TaskService.CancelOperation.Code).ToListAsync()).Select(o => (o.Id, o.Reason, o.ActorUserId))];
    }

    [Fact]
    public async Task Escalation_IsNotHeldUp_ByManyTasksOfAKindThatWaitsLongerForTheHead()
    {
        // A kind whose head step comes a month after the due time, with more overdue tasks than one batch, all due
        // earlier than one general task that is a day and a half overdue: the general task must still reach the head.
        var slow = new TaskKind("test.slow-head", "Slow to reach the head", new DeadlineRule(TimeSpan.FromHours(1), HeadAfterDue: TimeSpan.FromDays(30)));
        var now = TimeProvider.System.GetUtcNow();
        Guid general;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var institution = await db.Institutions.Where(i => i.Code == "SIPA").Select(i => i.Id).SingleAsync();
            WorkTask Overdue(string kind, TimeSpan overdueFor) => new()
            {
                Id = Guid.NewGuid(),
                Kind = kind,
                OwnerInstitutionId = institution,
                Escalation = EscalationLevel.Overdue,
                EventAt = (now - overdueFor - TimeSpan.FromDays(1)).UtcDateTime,
                DueAt = (now - overdueFor).UtcDateTime,
                CreatedAt = (now - overdueFor - TimeSpan.FromDays(1)).UtcDateTime,
            };
            var waiting = Enumerable.Range(0, TaskEscalator.BatchSize + 5).Select(i => Overdue(slow.Code, TimeSpan.FromDays(2) + TimeSpan.FromMinutes(i))).ToList();
            var due = Overdue(TaskKinds.General.Code, TimeSpan.FromHours(36));
            db.AddRange(waiting);
            db.Add(due);
            await db.SaveChangesAsync();
            general = due.Id;
        }

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var registry = new TaskKindRegistry([TaskKinds.General, slow]);
            var escalator = ActivatorUtilities.CreateInstance<TaskEscalator>(scope.ServiceProvider, registry);
            await escalator.RunAsync(CancellationToken.None);
        }

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var tasks = scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<WorkTask>().WithoutScope(ScopeOptOut.Statistics);
            Assert.Equal(EscalationLevel.Head, await tasks.Where(t => t.Id == general).Select(t => t.Escalation).SingleAsync());
            Assert.Equal(0, await tasks.CountAsync(t => t.Kind == slow.Code && t.Escalation != EscalationLevel.Overdue));
        }
    }

    [Fact]
    public async Task ATasksPage_ListsItsFiles_AndAnUploadComesBackToTheTask()
    {
        var (worker, me, _) = await PersonAsync(Roles.CaseWorker);
        var id = (await worker.PostJsonAsync("/api/v1/tasks", NewTask("Scan the decision", me), HttpStatusCode.Created)).GetProperty("task").GetProperty("id").GetGuid();
        var page = await Html.GetAsync(worker, $"/tasks/{id}");
        Assert.NotNull(page.QuerySelector("#attachments-heading"));
        Assert.NotNull(page.QuerySelector(".attachments .empty-state"));

        async Task<HttpResponseMessage> UploadAsync(string fileName, string? returnTo)
        {
            var form = page.QuerySelector(".attachments form")!;
            using var content = new MultipartFormDataContent();
            foreach (var hidden in form.QuerySelectorAll("input[type=hidden]"))
            {
                var name = hidden.GetAttribute("name")!;
                content.Add(new StringContent(name == "returnTo" && returnTo is not null ? returnTo : hidden.GetAttribute("value")!), name);
            }

            var file = new ByteArrayContent(Spona.Tests.Platform.Files.TestFiles.Pdf());
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            content.Add(file, "file", fileName);
            return await worker.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
        }

        using (var back = await UploadAsync("decision.pdf", null))
        {
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
            Assert.Equal($"/tasks/{id}", back.Headers.Location!.OriginalString);
        }

        var after = await Html.GetAsync(worker, $"/tasks/{id}");
        Assert.Contains("decision.pdf", after.Text(".attachments table"), StringComparison.Ordinal);

        // A return address elsewhere is never followed: the upload lands on the record's files page instead.
        foreach (var elsewhere in new[] { "//evil.example/x", "https://evil.example/", "/\\evil.example" })
        {
            using var response = await UploadAsync("again.pdf", elsewhere);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/files/record/{WorkTask.RecordTypeName}/{id}", response.Headers.Location!.OriginalString);
        }
    }

    [Theory]
    [InlineData("en", "02/01/2030 14:30")]
    [InlineData("bs", "2. 1. 2030. 14:30")]
    public async Task DueTimes_AreShownInSarajevoTime_DayFirst_InEveryLanguage(string culture, string expected)
    {
        var (worker, me, _) = await PersonAsync(Roles.CaseWorker);
        var due = new DateTimeOffset(2030, 1, 2, 13, 30, 0, TimeSpan.Zero);
        var id = (await worker.PostJsonAsync("/api/v1/tasks", new { title = "Dated duty", dueAt = due, assigneeUserId = me }, HttpStatusCode.Created)).GetProperty("task").GetProperty("id").GetGuid();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/tasks/{id}?culture={culture}", UriKind.Relative));
        var page = await Html.ParseAsync(await worker.SendAsync(request));
        Assert.Equal(expected, page.QuerySelector("dd time")!.TextContent);
    }

    [Fact]
    public async Task AnotherInstitutionsTask_IsNotFound_AndNotListed()
    {
        var (owner, me, _) = await PersonAsync(Roles.CaseWorker);
        var (stranger, _, _) = await PersonAsync(Roles.CaseWorker, "SIPA");
        var created = await owner.PostJsonAsync("/api/v1/tasks", NewTask("Confidential duty", me), HttpStatusCode.Created);
        var id = created.GetProperty("task").GetProperty("id").GetGuid();

        await stranger.GetJsonAsync($"/api/v1/tasks/{id}", HttpStatusCode.NotFound);
        await stranger.PostJsonAsync($"/api/v1/tasks/{id}/done", new { }, HttpStatusCode.NotFound);
        await stranger.PostJsonAsync($"/api/v1/tasks/{id}/cancel", new { reason = "Not mine to cancel" }, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri($"/tasks/{id}", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain((await stranger.GetJsonAsync("/api/v1/tasks?view=institution&state=all")).GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
        Assert.Equal("Open", (await owner.GetJsonAsync($"/api/v1/tasks/{id}")).GetProperty("task").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Escalation_OnAFakeClock_GoesUpTheLadderOnce()
    {
        // An institution of its own in this class, so that only these three people can be told.
        var (worker, me, _) = await PersonAsync(Roles.CaseWorker, "GPBIH");
        var (supervisorClient, supervisor, _) = await PersonAsync(Roles.Supervisor, "GPBIH");
        var (_, head, _) = await PersonAsync(Roles.InstitutionHead, "GPBIH");
        var created = await worker.PostJsonAsync("/api/v1/tasks", NewTask("Arrange a shelter place", me, inHours: 48), HttpStatusCode.Created);
        var id = created.GetProperty("task").GetProperty("id").GetGuid();
        var start = TimeProvider.System.GetUtcNow();

        // Nothing has come due: no notice.
        await EscalateAtAsync(start.AddHours(1));
        Assert.Empty(await NoticesAsync(id));

        // A day before the due time it is at risk: the responsible person is told, once.
        await EscalateAtAsync(start.AddHours(25));
        await EscalateAtAsync(start.AddHours(26));
        var atRisk = await NoticesAsync(id);
        Assert.Equal([(me, TaskEscalator.AtRisk.Code)], atRisk);

        // Overdue: the person again, and the supervisor; the head not yet.
        await EscalateAtAsync(start.AddHours(49));
        var overdue = await NoticesAsync(id);
        Assert.Contains((me, TaskEscalator.Overdue.Code), overdue);
        Assert.Contains((supervisor, TaskEscalator.Escalated.Code), overdue);
        Assert.DoesNotContain(overdue, n => n.Recipient == head);

        // A day after the due time: the head of the institution.
        await EscalateAtAsync(start.AddHours(74));
        await EscalateAtAsync(start.AddHours(80));
        var all = await NoticesAsync(id);
        Assert.Single(all, n => n.Recipient == head);
        Assert.Equal(4, all.Count);

        // The supervisor sees it among the overdue tasks of the scope (past its real due time only on the fake clock,
        // so the list here is the API's view of real time: it must not be listed yet).
        var overdueList = await supervisorClient.GetJsonAsync("/api/v1/tasks/overdue");
        Assert.DoesNotContain(overdueList.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
        Assert.Equal("Head", (await worker.GetJsonAsync($"/api/v1/tasks/{id}")).GetProperty("task").GetProperty("escalation").GetString());
        await worker.GetJsonAsync("/api/v1/tasks/overdue", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ADeclaredKind_OpensWithItsRule_AndOverdueTasksLeadTheLists()
    {
        var (worker, me, _) = await PersonAsync(Roles.CaseWorker);
        var (supervisorClient, _, _) = await PersonAsync(Roles.Supervisor);
        Guid overdueId, laterId;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var institution = await db.Users.Where(u => u.Id == me).Select(u => u.InstitutionId).SingleAsync();
            var tasks = scope.ServiceProvider.GetRequiredService<TaskService>();
            var kinds = scope.ServiceProvider.GetRequiredService<TaskKindRegistry>();
            Assert.NotNull(kinds.Find(TaskKinds.General.Code));
            var later = new WorkTask { Id = Guid.NewGuid(), Kind = TaskKinds.General.Code, Title = "Later duty", OwnerInstitutionId = institution, AssigneeUserId = me, EventAt = TimeProvider.System.GetUtcNow().UtcDateTime, DueAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(3), CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime };
            var overdue = new WorkTask { Id = Guid.NewGuid(), Kind = TaskKinds.General.Code, Title = "Overdue duty", OwnerInstitutionId = institution, AssigneeUserId = me, EventAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-3), DueAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-2), CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-3) };
            db.AddRange(later, overdue);
            await db.SaveChangesAsync();
            (overdueId, laterId) = (overdue.Id, later.Id);
            Assert.Throws<ArgumentException>(() => tasks.Open(new TaskRequest("undeclared.kind", institution, TimeProvider.System.GetUtcNow().UtcDateTime), null));
        }

        var mine = (await worker.GetJsonAsync("/api/v1/tasks")).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();
        Assert.True(mine.IndexOf(overdueId) < mine.IndexOf(laterId), "overdue first");
        var first = (await worker.GetJsonAsync("/api/v1/tasks")).GetProperty("items")[0];
        Assert.True(first.GetProperty("overdue").GetBoolean());
        Assert.Contains((await supervisorClient.GetJsonAsync("/api/v1/tasks/overdue")).GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == overdueId);

        // The pages: the start page and "My tasks" show it first, marked in words; its page offers the actions.
        var home = await Html.GetAsync(worker, "/");
        Assert.Contains("Overdue duty", home.Text("#tasks-heading + ul"), StringComparison.Ordinal);
        var list = await Html.GetAsync(worker, "/tasks");
        var rows = list.QuerySelectorAll("tbody tr").ToList();
        Assert.Contains("Overdue duty", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Overdue", rows[0].QuerySelector(".tag")!.TextContent, StringComparison.Ordinal);
        var detail = await Html.GetAsync(worker, $"/tasks/{overdueId}");
        var cancelled = await Html.ParseAsync(await Html.SubmitAsync(worker, detail, "form[action*='handler=Cancel']", new Dictionary<string, string> { ["reason"] = "" }));
        Assert.NotEmpty(cancelled.Text(".field-error"));
        var done = await Html.SubmitAsync(worker, detail, "form[action*='handler=Done']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await Html.GetAsync(worker, $"/tasks/{overdueId}");
        Assert.Contains("The task is done.", after.Text(".notice-success"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNewTaskPage_CreatesATask_AndShowsErrorsBesideTheFields()
    {
        var (worker, _, _) = await PersonAsync(Roles.ShelterStaff);
        var empty = await Html.GetAsync(worker, "/tasks");
        Assert.NotEmpty(empty.Text(".empty-state"));
        var form = await Html.GetAsync(worker, "/tasks/new");
        var invalid = await Html.ParseAsync(await Html.SubmitAsync(worker, form, "main form", new Dictionary<string, string> { ["title"] = "", ["due"] = "2001-01-01T10:00" }));
        Assert.Equal(2, invalid.QuerySelectorAll(".field-error").Count(e => !string.IsNullOrWhiteSpace(e.TextContent)));
        var due = Spona.Web.Features.Shared.LocalTime.ToInputValue(TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(2));
        var saved = await Html.SubmitAsync(worker, form, "main form", new Dictionary<string, string> { ["title"] = "Renew the residence permit", ["due"] = due });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await Html.GetAsync(worker, saved.Headers.Location!.OriginalString);
        Assert.Contains("Renew the residence permit", page.Text("h1"), StringComparison.Ordinal);
        Assert.Contains(due.Replace('T', ' ')[..10].Split('-')[2].TrimStart('0'), page.Text("dd time"), StringComparison.Ordinal);
        var institution = await Html.GetAsync(worker, "/tasks?view=institution");
        Assert.Contains("Renew the residence permit", institution.Text("tbody"), StringComparison.Ordinal);
    }

    private async Task<int> CountAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<WorkTask>().WithoutScope(ScopeOptOut.Statistics).CountAsync();
    }

    private async Task EscalateAtAsync(DateTimeOffset now)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var clock = new FakeTimeProvider(now);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var notifier = new Notifier(db, clock);
        var escalator = ActivatorUtilities.CreateInstance<TaskEscalator>(scope.ServiceProvider, clock, notifier);
        await escalator.RunAsync(CancellationToken.None);
    }

    private async Task<List<(Guid Recipient, string Kind)>> NoticesAsync(Guid taskId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var reference = $"Task:{taskId:N}";
        return [.. (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Notification>()
            .Where(n => n.SubjectReference == reference && n.Kind != TaskService.Assigned.Code)
            .Select(n => new { n.RecipientId, n.Kind, n.CreatedAt }).ToListAsync())
            .OrderBy(n => n.CreatedAt).Select(n => (n.RecipientId, n.Kind))];
    }
}
