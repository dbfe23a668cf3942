using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Audit;

/// <summary>
/// Every change runs in an operation (ADR 0022): its entries share the operation's id and type in the chain, a type
/// that needs a reason is refused without one, the reason is shown to auditors but kept out of the append-only entries,
/// and editing an entry's operation is found by verification. Own database: the last tests tamper with the trail.
/// </summary>
public sealed class AuditOperationTests : IAsyncLifetime
{
    private readonly AppFixture app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task RoleChange_WithReason_EntriesShareTheOperation_AndAuditorsSeeTheReasonOnPageAndApi()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var target = await app.UserIdAsync(await app.CreateUserAsync(Roles.Analyst));
        var canary = $"CANARY-REASON-{Guid.NewGuid():N}";

        // Analyst applies now, Auditor becomes a request: two entries (and the request row) in one operation.
        await admin.PutJsonAsync($"/api/v1/users/{target}/roles", new { roles = new[] { Roles.Analyst, Roles.Auditor }, reason = canary }, HttpStatusCode.OK);

        var entries = await AuditDatabase.EntriesAsync(app.Factory);
        var changed = Assert.Single(entries, e => e.Action == "user.roles-changed" && e.EntityKey == target.ToString());
        var operation = entries.Where(e => e.OperationId == changed.OperationId).ToList();
        Assert.NotNull(changed.OperationId);
        Assert.Equal("users.roles.change", changed.OperationType);
        Assert.Contains(operation, e => e.Action == "user.role-requested");
        Assert.True(operation.Count >= 3, string.Join(", ", operation.Select(e => e.Action + " " + e.EntityType)));
        Assert.All(operation, e => Assert.Equal("users.roles.change", e.OperationType));
        Assert.True((await AuditDatabase.VerifyAsync(app.Factory)).Intact);

        var auditor = await app.SignedInClientAsync(Roles.Auditor);
        var api = await auditor.GetJsonAsync($"/api/v1/audit?operationId={changed.OperationId}");
        var items = api.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(operation.Count, items.Count);
        Assert.All(items, i =>
        {
            Assert.Equal(changed.OperationId!.Value, i.GetProperty("operation").GetProperty("id").GetGuid());
            Assert.Equal("users.roles.change", i.GetProperty("operation").GetProperty("type").GetString());
            Assert.Equal(canary, i.GetProperty("operation").GetProperty("reason").GetString());
        });
        var byType = await auditor.GetJsonAsync("/api/v1/audit?operationType=users.roles.change");
        Assert.All(byType.GetProperty("items").EnumerateArray(), i => Assert.Equal("users.roles.change", i.GetProperty("operation").GetProperty("type").GetString()));

        var page = await Html.GetAsync(auditor, $"/audit?operation={changed.OperationId}");
        var heading = Assert.Single(page.QuerySelectorAll("tr.audit-operation"));
        Assert.Contains("Change roles", heading.TextContent, StringComparison.Ordinal);
        Assert.Contains(canary, heading.QuerySelector(".operation-reason")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(operation.Count, page.QuerySelectorAll("tbody tr").Length - 1);
        var filtered = await Html.GetAsync(auditor, "/audit?op=users.roles.change");
        Assert.Contains(canary, filtered.Text("tbody"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleChange_Reason_IsNotInTheAppendOnlyEntries_AndStoredEncrypted()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var target = await app.UserIdAsync(await app.CreateUserAsync(Roles.Analyst));
        var canary = $"CANARY-ERASABLE-{Guid.NewGuid():N}";

        await admin.PutJsonAsync($"/api/v1/users/{target}/roles", new { roles = new[] { Roles.MonitoringTeamMember }, reason = canary }, HttpStatusCode.OK);

        var entries = await AuditDatabase.EntriesAsync(app.Factory);
        var operationId = entries.Single(e => e.Action == "user.roles-changed" && e.EntityKey == target.ToString()).OperationId;
        Assert.DoesNotContain(entries, e => string.Join("|", e.ActorLabel, e.Action, e.EntityType, e.EntityKey, e.Changes, e.Reason, e.CorrelationId, e.OperationType)
            .Contains("CANARY-ERASABLE", StringComparison.Ordinal));
        await using var connection = AuditDatabase.Open(app.Database);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Reason" FROM "AuditOperations" WHERE "Id" = @id""";
        var id = command.CreateParameter();
        id.ParameterName = "@id";
        id.Value = app.Database.IsPostgres ? operationId!.Value : operationId!.Value.ToString().ToUpperInvariant();
        command.Parameters.Add(id);
        var stored = (string?)await command.ExecuteScalarAsync();
        Assert.NotNull(stored);
        Assert.DoesNotContain("CANARY", stored, StringComparison.Ordinal);
        Assert.StartsWith("enc:", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleChange_WithoutReason_IsRefusedOnApiAndPage_AndChangesNothing()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = await app.CreateUserAsync(Roles.Analyst);
        var target = await app.UserIdAsync(email);
        var before = (await AuditDatabase.EntriesAsync(app.Factory)).Count(e => e.EntityKey == target.ToString());

        var problem = await admin.PutJsonAsync($"/api/v1/users/{target}/roles", new { roles = new[] { Roles.MonitoringTeamMember } }, HttpStatusCode.BadRequest);
        var blank = await admin.PutJsonAsync($"/api/v1/users/{target}/roles", new { roles = new[] { Roles.MonitoringTeamMember }, reason = "   " }, HttpStatusCode.BadRequest);
        var detail = await Html.GetAsync(admin, $"/admin/users/{target}");
        var form = await Html.SubmitAsync(admin, detail, "form[action*='handler=Roles']", new Dictionary<string, string> { ["Roles"] = Roles.MonitoringTeamMember });

        Assert.True(problem.GetProperty("errors").TryGetProperty("Reason", out _), problem.ToString());
        // Refused at the input boundary already (invisible characters only), naming the field.
        Assert.Contains(blank.GetProperty("errors").EnumerateObject(), e => e.Name.EndsWith("reason", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("State the reason for this change.", (await Html.ParseAsync(form)).Text(".error-summary"), StringComparison.Ordinal);
        var account = await admin.GetJsonAsync($"/api/v1/users/{target}");
        Assert.Equal([Roles.Analyst], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var after = await AuditDatabase.EntriesAsync(app.Factory);
        Assert.DoesNotContain(after, e => e.EntityKey == target.ToString() && e.OperationType == "users.roles.change");
        Assert.DoesNotContain(after, e => e.EntityKey == target.ToString() && e.Action == "user.roles-changed");
        Assert.True(after.Count(e => e.EntityKey == target.ToString()) >= before);
    }

    [Fact]
    public async Task BeginOperation_RequiredReasonMissingOrTypeUndeclared_IsRefusedBeforeAnything()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();

        var missing = Assert.Throws<DomainRuleViolation>(() => audit.BeginOperation("users.roles.change"));
        var blank = Assert.Throws<DomainRuleViolation>(() => audit.BeginOperation(PlatformOperations.BreakGlass.Code, " "));
        Assert.Throws<InvalidOperationException>(() => audit.BeginOperation("no.such.operation"));
        using var allowed = audit.BeginOperation("users.unlock");

        Assert.Equal("audit.reason-required", missing.Code);
        Assert.Equal("audit.reason-required", blank.Code);
        Assert.Equal("users.unlock", scope.ServiceProvider.GetRequiredService<PendingAuditEvents>().CurrentOperation?.Type);
    }

    [Fact]
    public async Task RequestWithoutExplicitOperation_EntriesGetTheRoutesDefaultOperation()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var target = await app.UserIdAsync(await app.CreateUserAsync(Roles.Analyst));

        await admin.GetJsonAsync($"/api/v1/users/{target}");

        var read = (await AuditDatabase.EntriesAsync(app.Factory)).Last(e => e.Action == AuditActions.RecordRead && e.EntityKey == target.ToString());
        Assert.NotNull(read.OperationId);
        Assert.Equal("request:GET /api/v1/users/{id:guid}", read.OperationType);
    }

    [Fact]
    public async Task Verification_FindsAnEditedOperationIdOrType_AndOldFormatEntriesStillVerify()
    {
        // Entries in the format before operations (v1, no operation), then new ones after them.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await SyntheticAudit.AppendAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), TimeProvider.System, 3, CancellationToken.None);
        }

        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var target = await app.UserIdAsync(await app.CreateUserAsync(Roles.Analyst));
        await admin.PutJsonAsync($"/api/v1/users/{target}/roles", new { roles = new[] { Roles.MonitoringTeamMember }, reason = "Synthetic test: a change of duties" }, HttpStatusCode.OK);
        var entries = await AuditDatabase.EntriesAsync(app.Factory);
        Assert.Contains(entries, e => e.OperationId is null && e.EntityType == "Synthetic");
        var intact = await AuditDatabase.VerifyAsync(app.Factory);
        Assert.True(intact.Intact, intact.Failure?.Detail);

        var changed = entries.Single(e => e.Action == "user.roles-changed" && e.EntityKey == target.ToString());
        await AuditDatabase.DisableTriggersAsync(app.Database);
        await AuditDatabase.ExecuteAsync(app.Database, """UPDATE "AuditEntries" SET "OperationId" = @id WHERE "Sequence" = @seq""",
            ("@id", app.Database.IsPostgres ? Guid.NewGuid() : Guid.NewGuid().ToString().ToUpperInvariant()), ("@seq", changed.Sequence));
        var moved = await AuditDatabase.VerifyAsync(app.Factory);

        Assert.Equal(AuditFailureKind.HashMismatch, moved.Failure?.Kind);
        Assert.Equal(changed.Sequence, moved.Failure?.Sequence);
    }

    [Fact]
    public async Task Verification_FindsAnOperationRemovedFromANewEntry()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await SyntheticAudit.AppendAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), TimeProvider.System, 1, CancellationToken.None);
        }

        Assert.True((await AuditDatabase.VerifyAsync(app.Factory)).Intact);
        var entries = await AuditDatabase.EntriesAsync(app.Factory);
        var modern = entries.First(e => e.OperationId is not null);
        await AuditDatabase.DisableTriggersAsync(app.Database);

        await AuditDatabase.ExecuteAsync(app.Database, """UPDATE "AuditEntries" SET "OperationId" = NULL, "OperationType" = NULL WHERE "Sequence" = @seq""", ("@seq", modern.Sequence));
        var removed = await AuditDatabase.VerifyAsync(app.Factory);
        Assert.Equal(AuditFailureKind.HashMismatch, removed.Failure?.Kind);
        Assert.Equal(modern.Sequence, removed.Failure?.Sequence);
    }
}
