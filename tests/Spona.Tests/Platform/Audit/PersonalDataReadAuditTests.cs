using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Audit;

/// <summary>
/// S6, ADR 0019: every route that returns a person's data or a scoped record is marked, and every call of one writes a
/// read entry naming who, which record, which route and the outcome. Routes come from the endpoint data source (pages
/// and minimal APIs), so a new route fails here until it is classified one way or the other.
/// </summary>
public sealed class PersonalDataReadAuditTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Routes that show no other person's data (reference data, the strategy, forms, one's own account, writes that return none).</summary>
    private static readonly HashSet<string> ShowNoPersonalData = new(StringComparer.Ordinal)
    {
        "POST /culture", "/error", "/health/live", "/health/ready", "/metrics", "/culture", "/openapi/{documentName}.json", "/api/reference/{**slug}",
        "/account/sign-in", "/account/sign-in/code", "/account/sign-out", "/account/setup", "/account/activate", "/account/password",
        "/account/two-factor", "/account/tokens", "/account/access-denied",
        "/admin/users/invite", "/admin/roles", "/access/break-glass/open",
        "/strategy", "/strategy/measures/{number}", "/reference-data", "/reference-data/jurisdictions", "/reference-data/jurisdictions/edit",
        "/reference-data/institutions", "/reference-data/institutions/edit", "/reference-data/code-lists/{key}", "/reference-data/code-lists/{key}/edit",
        "/api/v1/roles", "/api/v1/audit/checkpoints", "/api/v1/account/tokens", "/api/v1/account/tokens/{id:guid}",
        "POST /api/v1/users", "POST /api/v1/users/{id:guid}/activation-link", "POST /api/v1/access/break-glass",
        "/api/v1/strategy", "/api/v1/strategy/measures/{number}", "POST /api/v1/strategy/measures/{number}/amendments", "POST /api/v1/strategy/amendments/{id:guid}/adopt",
        "/api/v1/jurisdictions", "/api/v1/jurisdictions/{code}", "/api/v1/institutions", "/api/v1/institutions/{code}",
        "/api/v1/code-lists", "/api/v1/code-lists/{key}", "/api/v1/code-lists/{key}/items", "/api/v1/code-lists/{key}/items/{code}",
        "/reference", "/reference/code-lists/{key}", "/reference/code-lists/{key}/items/new", "/reference/code-lists/{key}/items/{code}/edit",
        "/reference/institutions", "/reference/institutions/new", "/reference/institutions/{code}/edit", "/reference/jurisdictions",
        "/reference/jurisdictions/new", "/reference/jurisdictions/{code}/edit", "/scalar/favicon.svg", "/scalar/scalar.aspnetcore.js",
        "/scalar/scalar.js", "/scalar/{documentName?}", "/setup", "/api/v1/tokens", "DELETE /api/v1/tokens/{id:guid}", "POST /api/v1/tokens",
        "POST /api/v1/code-lists/{key}/items", "POST /api/v1/institutions", "POST /api/v1/jurisdictions", "POST /api/v1/strategy/amendments/{id:guid}/adoption",
        "PUT /api/v1/code-lists/{key}/items/{code}", "PUT /api/v1/institutions/{code}", "PUT /api/v1/jurisdictions/{code}",

        // One's own notices: a kind, a pseudonymous reference and a link, never another person's data.
        "GET /notifications", "GET /api/v1/notifications", "POST /api/v1/notifications/read-all", "POST /api/v1/notifications/{id:guid}/read",
        // One's own choice of notice e-mails: two booleans.
        "GET /api/v1/notifications/preferences", "PUT /api/v1/notifications/preferences",

        // Deleting a file returns nothing; the change itself is audited (StoredFile is IAudited).
        "DELETE /api/v1/files/{id:guid}",

        // Action plans (ADR 0029): plans, activities, indicators, budgets and reports of institutions; authors and
        // reviewers are shown by their institution, never by name; files are on the generic attachments page.
        "GET /action-plans", "GET /action-plans/activities/{activityId:guid}/edit", "GET /action-plans/activities/{activityId:guid}/reports/{periodId:guid}",
        "GET /action-plans/activities/{id:guid}", "GET /action-plans/mine", "GET /action-plans/new",
        "GET /action-plans/reports/{id:guid}", "GET /action-plans/{id:guid}", "GET /action-plans/{id:guid}/edit",
        "GET /action-plans/{planId:guid}/activities/new", "GET /api/v1/action-plans", "GET /api/v1/action-plans/activities/mine",
        "GET /api/v1/action-plans/activities/{id:guid}", "GET /api/v1/action-plans/reports/due", "GET /api/v1/action-plans/coverage", "GET /api/v1/action-plans/reports/{id:guid}",
        "GET /api/v1/action-plans/{id:guid}", "POST /api/v1/action-plans", "POST /api/v1/action-plans/activities/{id:guid}/budget",
        "POST /api/v1/action-plans/activities/{id:guid}/status", "POST /api/v1/action-plans/periods/{id:guid}/lock", "POST /api/v1/action-plans/reports/{id:guid}/corrections",
        "POST /api/v1/action-plans/reports/{id:guid}/review", "POST /api/v1/action-plans/reports/{id:guid}/submit", "POST /api/v1/action-plans/{id:guid}/activities",
        "POST /api/v1/action-plans/{id:guid}/consultations", "POST /api/v1/action-plans/{id:guid}/copy", "POST /api/v1/action-plans/{id:guid}/indicators",
        "POST /api/v1/action-plans/{id:guid}/periods", "POST /api/v1/action-plans/{id:guid}/status", "PUT /api/v1/action-plans/activities/{id:guid}",
        "PUT /api/v1/action-plans/activities/{id:guid}/reports/{periodId:guid}", "PUT /api/v1/action-plans/budget/{id:guid}", "PUT /api/v1/action-plans/indicators/{id:guid}",
        "PUT /api/v1/action-plans/{id:guid}",
    };

    /// <summary>Lists that are empty in this test (no alert yet: InsiderAlertOnReadsTests fills them); their read names no record.</summary>
    private static readonly HashSet<string> EmptyHere = new(StringComparer.Ordinal) { "GET /audit/alerts", "GET /api/v1/audit/alerts", "GET /api/v1/tasks/overdue" };

    [Fact]
    public void EveryRoute_IsClassified_AsReadingPersonalDataOrNot()
    {
        var unclassified = Routes().Where(r => !r.Marked && !ShowNoPersonalData.Contains(r.Pattern) && !ShowNoPersonalData.Contains(r.Key))
            .Select(r => r.Key).Distinct().Order(StringComparer.Ordinal).ToList();
        var marked = Routes().Where(r => r.Marked).Select(r => r.Key).ToList();

        Assert.True(unclassified.Count == 0, "classify these routes (mark .ReadsPersonalData() / [ReadsPersonalData] or list them here): " + string.Join(", ", unclassified));
        Assert.True(marked.Count >= 15, "marked routes: " + string.Join(", ", marked));
    }

    [Fact]
    public async Task EveryMarkedRoute_WritesAReadEntry_NamingTheRecordAndTheRoute()
    {
        var adminEmail = await app.CreateUserAsync(Roles.SystemAdministrator);
        var admin = app.Factory.CreateBrowser();
        await Html.SignInAsync(admin, adminEmail, AppFixture.Password);
        var auditorEmail = await app.CreateUserAsync(Roles.Auditor);
        var auditor = app.Factory.CreateBrowser();
        await Html.SignInAsync(auditor, auditorEmail, AppFixture.Password);
        var targetEmail = await app.CreateUserAsync(Roles.CaseWorker);
        var target = await app.UserIdAsync(targetEmail);
        await admin.PutJsonAsync($"/api/v1/users/{target}/roles", new { roles = new[] { Roles.CaseWorker, Roles.Auditor }, reason = "Synthetic test: a change of duties" }, HttpStatusCode.OK);
        await AddBreakGlassGrantAsync(target);
        var admin2 = await app.UserIdAsync(adminEmail);
        async Task<Guid> TaskAsync(string title) => (await admin.PostJsonAsync("/api/v1/tasks", new { title, dueAt = TimeProvider.System.GetUtcNow().AddDays(2), assigneeUserId = admin2 }, HttpStatusCode.Created))
            .GetProperty("task").GetProperty("id").GetGuid();
        var (task, taskDone, taskCancelled) = (await TaskAsync("Read audit probe"), await TaskAsync("Done probe"), await TaskAsync("Cancel probe"));
        var workerEmail = await app.CreateUserAsync(Roles.CaseWorker);
        var worker = app.Factory.CreateBrowser();
        await Html.SignInAsync(worker, workerEmail, AppFixture.Password);

        var calls = new Dictionary<string, (HttpClient Client, string Actor, Func<HttpRequestMessage> Request)>(StringComparer.Ordinal)
        {
            ["GET /admin/users"] = (admin, adminEmail, () => Get("/admin/users")),
            ["GET /admin/users/{id:guid}"] = (admin, adminEmail, () => Get($"/admin/users/{target}")),
            ["GET /admin/users/role-requests"] = (admin, adminEmail, () => Get("/admin/users/role-requests")),
            ["GET /access/break-glass"] = (auditor, auditorEmail, () => Get("/access/break-glass")),
            ["GET /audit"] = (auditor, auditorEmail, () => Get("/audit")),
            ["GET /audit/record"] = (auditor, auditorEmail, () => Get($"/audit/record?type=Account&key={target}")),
            ["GET /audit/alerts"] = (auditor, auditorEmail, () => Get("/audit/alerts")),
            ["GET /api/v1/users"] = (admin, adminEmail, () => Get("/api/v1/users")),
            ["POST /api/v1/users/search"] = (admin, adminEmail, () => Json(HttpMethod.Post, "/api/v1/users/search", new { search = "example.test" })),
            ["GET /api/v1/users/{id:guid}"] = (admin, adminEmail, () => Get($"/api/v1/users/{target}")),
            ["GET /api/v1/role-requests"] = (admin, adminEmail, () => Get("/api/v1/role-requests")),
            ["PUT /api/v1/users/{id:guid}/roles"] = (admin, adminEmail, () => Json(HttpMethod.Put, $"/api/v1/users/{target}/roles", new { roles = new[] { Roles.CaseWorker }, reason = "Synthetic test: a change of duties" })),
            ["POST /api/v1/users/{id:guid}/disable"] = (admin, adminEmail, () => Json(HttpMethod.Post, $"/api/v1/users/{target}/disable", new { })),
            ["POST /api/v1/users/{id:guid}/enable"] = (admin, adminEmail, () => Json(HttpMethod.Post, $"/api/v1/users/{target}/enable", new { })),
            ["POST /api/v1/users/{id:guid}/reset-second-factor"] = (admin, adminEmail, () => Json(HttpMethod.Post, $"/api/v1/users/{target}/reset-second-factor", new { })),
            ["POST /api/v1/users/{id:guid}/unlock"] = (admin, adminEmail, () => Json(HttpMethod.Post, $"/api/v1/users/{target}/unlock", new { })),
            ["POST /api/v1/role-requests/{id:guid}/approve"] = (admin, adminEmail, () => Json(HttpMethod.Post, $"/api/v1/role-requests/{Guid.NewGuid()}/approve", new { })),
            ["POST /api/v1/role-requests/{id:guid}/reject"] = (admin, adminEmail, () => Json(HttpMethod.Post, $"/api/v1/role-requests/{Guid.NewGuid()}/reject", new { })),
            ["GET /api/v1/access/break-glass"] = (auditor, auditorEmail, () => Get("/api/v1/access/break-glass")),
            ["GET /api/v1/audit"] = (auditor, auditorEmail, () => Get("/api/v1/audit")),
            ["GET /api/v1/audit/alerts"] = (auditor, auditorEmail, () => Get("/api/v1/audit/alerts")),
            ["GET /"] = (admin, adminEmail, () => Get("/")),
            ["GET /tasks"] = (admin, adminEmail, () => Get("/tasks")),
            ["GET /tasks/new"] = (admin, adminEmail, () => Get("/tasks/new")),
            ["GET /tasks/{id:guid}"] = (admin, adminEmail, () => Get($"/tasks/{task}")),
            ["GET /api/v1/tasks"] = (admin, adminEmail, () => Get("/api/v1/tasks")),
            ["GET /api/v1/tasks/overdue"] = (admin, adminEmail, () => Get("/api/v1/tasks/overdue")),
            ["GET /api/v1/tasks/{id:guid}"] = (admin, adminEmail, () => Get($"/api/v1/tasks/{task}")),
            ["POST /api/v1/tasks"] = (admin, adminEmail, () => Json(HttpMethod.Post, "/api/v1/tasks", new { title = "Created probe", dueAt = TimeProvider.System.GetUtcNow().AddDays(2) })),
            ["POST /api/v1/tasks/{id:guid}/assign"] = (admin, adminEmail, () => Json(HttpMethod.Post, $"/api/v1/tasks/{task}/assign", new { assigneeUserId = admin2 })),
            ["POST /api/v1/tasks/{id:guid}/done"] = (admin, adminEmail, () => Json(HttpMethod.Post, $"/api/v1/tasks/{taskDone}/done", new { })),
            ["POST /api/v1/tasks/{id:guid}/cancel"] = (admin, adminEmail, () => Json(HttpMethod.Post, $"/api/v1/tasks/{taskCancelled}/cancel", new { reason = "No longer needed" })),

            // Files (ADR 0020): a case worker on a record type that is not registered, so each read is denied (404); AttachmentTests reads them allowed.
            ["GET /files/record/{recordType}/{recordId:guid}"] = (worker, workerEmail, () => Get($"/files/record/Test/{target}")),
            ["GET /api/v1/records/{recordType}/{recordId:guid}/files"] = (worker, workerEmail, () => Get($"/api/v1/records/Test/{target}/files")),
            ["POST /api/v1/records/{recordType}/{recordId:guid}/files"] = (worker, workerEmail, () => new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/records/Test/{target}/files", UriKind.Relative)) { Content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4"u8.ToArray()), "file", "a.pdf" } } }),
            ["GET /api/v1/files/{id:guid}"] = (worker, workerEmail, () => Get($"/api/v1/files/{Guid.NewGuid()}")),
            ["GET /api/v1/files/{id:guid}/content"] = (worker, workerEmail, () => Get($"/api/v1/files/{Guid.NewGuid()}/content")),
        };

        var marked = Routes().Where(r => r.Marked).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var problems = marked.Where(r => !calls.ContainsKey(r)).Select(r => $"{r}: no sample call in this test").ToList();
        problems.AddRange(calls.Keys.Where(r => !marked.Contains(r)).Select(r => $"{r}: called here but not marked"));
        foreach (var (route, call) in calls.Where(c => marked.Contains(c.Key)))
        {

            var before = (await AuditDatabase.EntriesAsync(app.Factory)).LastOrDefault()?.Sequence ?? 0;
            using var response = await call.Client.SendAsync(call.Request());
            var reads = (await AuditDatabase.EntriesAsync(app.Factory))
                .Where(e => e.Sequence > before && e.Action == AuditActions.RecordRead && e.ActorLabel == call.Actor)
                .ToList();
            var pattern = route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            if (reads.Count == 0 || !reads.All(e => e.Changes?.Contains(pattern, StringComparison.Ordinal) == true))
            {
                problems.Add($"{route} ({(int)response.StatusCode}): no read entry naming the route");
            }
            else if ((int)response.StatusCode < 400 && !EmptyHere.Contains(route) && reads.Any(e => e.EntityKey == ReadAuditMiddlewareNoRecord || e.Outcome != AuditOutcome.Success))
            {
                problems.Add($"{route} ({(int)response.StatusCode}): the read entries name no record");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var userRead = (await AuditDatabase.EntriesAsync(app.Factory)).Where(e => e.Action == AuditActions.RecordRead && e.EntityKey == target.ToString() && e.ActorLabel == adminEmail).ToList();
        Assert.NotEmpty(userRead);
    }

    [Fact]
    public async Task ReadsRefusedByPermissionOrNotFound_AreRecordedAsDenied()
    {
        var workerEmail = await app.CreateUserAsync(Roles.CaseWorker);
        var worker = app.Factory.CreateBrowser();
        await Html.SignInAsync(worker, workerEmail, AppFixture.Password);
        var adminEmail = await app.CreateUserAsync(Roles.SystemAdministrator);
        var admin = app.Factory.CreateBrowser();
        await Html.SignInAsync(admin, adminEmail, AppFixture.Password);
        var victim = await app.UserIdAsync(await app.CreateUserAsync(Roles.CaseWorker));
        var missing = Guid.NewGuid();

        await worker.GetJsonAsync($"/api/v1/users/{victim}", HttpStatusCode.Forbidden);
        using (var page = await worker.GetAsync(new Uri($"/admin/users/{victim}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        }

        await admin.GetJsonAsync($"/api/v1/users/{missing}", HttpStatusCode.NotFound);

        var entries = await AuditDatabase.EntriesAsync(app.Factory);
        var denied = entries.Where(e => e.Action == AuditActions.RecordRead && e.Outcome == AuditOutcome.Denied).ToList();
        Assert.Contains(denied, e => e.ActorLabel == workerEmail && e.EntityKey == victim.ToString() && e.Changes!.Contains("/api/v1/users/{id:guid}", StringComparison.Ordinal));
        Assert.Contains(denied, e => e.ActorLabel == workerEmail && e.EntityKey == victim.ToString() && e.Changes!.Contains("/admin/users/{id:guid}", StringComparison.Ordinal));
        Assert.Contains(denied, e => e.ActorLabel == adminEmail && e.EntityKey == missing.ToString());
        Assert.DoesNotContain(entries, e => e.Action == AuditActions.RecordRead && e.Outcome == AuditOutcome.Success && e.ActorLabel == workerEmail);
    }

    private const string ReadAuditMiddlewareNoRecord = "none";

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, new Uri(url, UriKind.Relative));

    private static HttpRequestMessage Json(HttpMethod method, string url, object body) => new(method, new Uri(url, UriKind.Relative)) { Content = JsonContent.Create(body) };

    private async Task AddBreakGlassGrantAsync(Guid user)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        db.Add(new RecordAccessGrant
        {
            Id = Guid.NewGuid(),
            RecordType = "Test",
            RecordId = Guid.NewGuid(),
            GranteeUserId = user,
            Basis = GrantBasis.BreakGlass,
            Reason = "A synthetic reason for a test grant",
            ValidFrom = now,
            ValidUntil = now.AddHours(1),
            CreatedByUserId = user,
            CreatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    private List<(string Key, string Pattern, bool Marked)> Routes()
    {
        var routes = new List<(string, string, bool)>();
        foreach (var endpoint in app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var marked = endpoint.Metadata.GetMetadata<ReadsPersonalDataAttribute>() is not null;
            foreach (var method in methods)
            {
                routes.Add(($"{method} {pattern}", method == "GET" ? pattern : $"{method} {pattern}", marked));
            }
        }

        return routes;
    }
}
