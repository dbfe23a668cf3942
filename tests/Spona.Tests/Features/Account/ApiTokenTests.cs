using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.ReferenceData;
using Spona.Web.Features.Strategy;
using Spona.Web.Features.Users;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Features.Account;

/// <summary>API tokens: shown once, stored hashed, scoped, expiring, revocable, dead with a disabled owner, API only.</summary>
public sealed class ApiTokenTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(HttpClient Owner, string Email, string Token, Guid Id)> MakeAsync(params string[] permissions)
    {
        var email = await app.CreateUserAsync(Roles.MonitoringTeamMember);
        var owner = app.Factory.CreateBrowser();
        await Html.SignInAsync(owner, email, AppFixture.Password);
        var created = await owner.PostJsonAsync("/api/v1/tokens", new { name = "Statistics sync", expiresInDays = 30, permissions }, HttpStatusCode.Created);
        return (owner, email, created.GetProperty("secret").GetString()!, created.GetProperty("token").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Token_WorksOnTheApi_OnlyWithItsPermissions_AndIsStoredHashed()
    {
        var (_, _, token, id) = await MakeAsync(StrategyPermissions.Read);
        var client = app.BearerClient(token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri("/api/v1/jurisdictions", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri("/api/v1/tokens", UriKind.Relative))).StatusCode);

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ApiToken>().SingleAsync(t => t.Id == id);
        Assert.DoesNotContain(token.Split('_')[2], stored.SecretHash, StringComparison.Ordinal);
        Assert.Equal(64, stored.SecretHash.Length);
        Assert.NotNull(stored.LastUsedAt);
    }

    [Fact]
    public async Task SuccessfulUses_AreAuditedOncePerInterval_RefusedUsesEveryTime_AndARoleChangeTakesEffectAtOnce()
    {
        var (_, email, token, id) = await MakeAsync();
        var client = app.BearerClient(token);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
        }

        // The owner loses their only role: the next request is refused, nothing cached.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<SponaUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.RemoveFromRoleAsync(user, Roles.MonitoringTeamMember);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
        var wrong = app.BearerClient(token[..^2] + (token[^2..] == "xx" ? "yy" : "xx"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);

        await app.Factory.SealAuditAsync();
        await using var read = app.Factory.Services.CreateAsyncScope();
        var uses = await read.ServiceProvider.GetRequiredService<AppDbContext>().Set<Spona.Web.Platform.Audit.AuditEntry>().AsNoTracking()
            .Where(e => e.EntityKey == id.ToString() && e.Action == Spona.Web.Platform.Audit.AuditActions.TokenUsed).ToListAsync();
        Assert.Single(uses, e => e.Outcome == Spona.Web.Platform.Audit.AuditOutcome.Success);
        Assert.Equal(2, uses.Count(e => e.Outcome == Spona.Web.Platform.Audit.AuditOutcome.Denied && e.Reason == "wrong secret"));
    }

    [Fact]
    public async Task Token_DoesNotOpenPages()
    {
        var (_, _, token, _) = await MakeAsync();

        var page = await app.BearerClient(token).GetAsync(new Uri("/strategy", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/sign-in", page.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongRevokedOrForeignTokens_Get401()
    {
        var (owner, _, token, id) = await MakeAsync();
        var tampered = token[..^2] + (token[^2..] == "AA" ? "BB" : "AA");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.BearerClient(tampered).GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.BearerClient("spona_nonsense").GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.BearerClient($"spona_{Guid.NewGuid():N}_x").GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);

        var other = await app.SignedInClientAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync(new Uri($"/api/v1/tokens/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.BearerClient(token).GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync(new Uri($"/api/v1/tokens/{id}", UriKind.Relative))).StatusCode);
        var revoked = await app.BearerClient(token).GetAsync(new Uri("/api/v1/strategy", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("Bearer", revoked.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ARevocation_IsSeenAtOnceByEveryRequest_HoweverManyRanBeforeInParallel()
    {
        var (owner, _, token, id) = await MakeAsync(StrategyPermissions.Read);
        var client = app.BearerClient(token);
        async Task<HttpStatusCode[]> BurstAsync() => await Task.WhenAll(Enumerable.Range(0, 24)
            .Select(async _ => (await client.GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode));

        // Parallel requests, so that the token check holds several connections at once and keeps them for later requests.
        Assert.All(await BurstAsync(), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(await BurstAsync(), status => Assert.Equal(HttpStatusCode.OK, status));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync(new Uri($"/api/v1/tokens/{id}", UriKind.Relative))).StatusCode);

        Assert.All(await BurstAsync(), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
    }

    [Fact]
    public async Task TheLookup_ReadsWhatTheModelStores_AndLeavesNoReadOnlyConnectionBehind()
    {
        var (_, email, _, id) = await MakeAsync(StrategyPermissions.Read);
        var settings = app.Factory.Services.GetRequiredService<Spona.Web.Platform.Configuration.SponaSettings>();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Set<ApiToken>().AsNoTracking().SingleAsync(t => t.Id == id);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);

        var lookup = new ApiTokenLookup(settings);
        var row = await lookup.FindAsync(id, CancellationToken.None);
        Assert.Null(await lookup.FindAsync(Guid.NewGuid(), CancellationToken.None));
        await lookup.DisposeAsync();

        Assert.NotNull(row);
        Assert.Equal((stored.UserId, stored.SecretHash, stored.Permissions, stored.ExpiresAt, stored.RevokedAt, stored.LastUsedAt),
            (row.UserId, row.SecretHash, row.Permissions, row.ExpiresAt, row.RevokedAt, row.LastUsedAt));
        Assert.Equal(DateTimeKind.Utc, row.ExpiresAt.Kind);
        Assert.Equal(new ApiTokenOwner(user.Id, user.UserName, user.Email, false, user.InstitutionId, user.JurisdictionId), row.Owner);
        Assert.Equal([Roles.MonitoringTeamMember], row.Roles);

        // The lookup's SQLite connections are read-only; none may reach the application's connection pool.
        if (settings.Provider == Spona.Web.Platform.Configuration.DatabaseProvider.Sqlite)
        {
            for (var i = 0; i < 4; i++)
            {
                await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(settings.ConnectionString);
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA query_only";
                Assert.Equal(0L, await command.ExecuteScalarAsync());
            }
        }
    }

    [Fact]
    public async Task ChecksOfDifferentTokens_ArrivingTogether_EachGetTheirOwnOwnerAndRoles()
    {
        // On PostgreSQL checks that arrive together share one query (ADR 0025): no check may get another's row.
        var (_, monitorEmail, _, monitorToken) = await MakeAsync(StrategyPermissions.Read);
        var analystEmail = await app.CreateUserAsync(Roles.Analyst);
        var analyst = app.Factory.CreateBrowser();
        await Html.SignInAsync(analyst, analystEmail, AppFixture.Password);
        var created = await analyst.PostJsonAsync("/api/v1/tokens", new { name = "Analyst sync", expiresInDays = 30, permissions = new[] { StrategyPermissions.Read } }, HttpStatusCode.Created);
        var analystToken = created.GetProperty("token").GetProperty("id").GetGuid();
        var unknown = Guid.NewGuid();
        var expected = new Dictionary<Guid, (string? Email, string? Role)>
        {
            [monitorToken] = (monitorEmail, Roles.MonitoringTeamMember),
            [analystToken] = (analystEmail, Roles.Analyst),
            [unknown] = (null, null),
        };

        var settings = app.Factory.Services.GetRequiredService<Spona.Web.Platform.Configuration.SponaSettings>();
        var lookup = new ApiTokenLookup(settings);
        var ids = Enumerable.Range(0, 300).Select(i => expected.Keys.ElementAt(i % 3)).ToList();
        var rows = await Task.WhenAll(ids.Select(id => Task.Run(() => lookup.FindAsync(id, CancellationToken.None))));
        await lookup.DisposeAsync();

        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Equal(expected[ids[i]], (rows[i]?.Owner?.Email, rows[i]?.Roles.Single()));
        }
    }

    [Fact]
    public async Task TheRoleTable_IsTheSameJsonAsTheAccessModel()
    {
        var client = await app.SignedInClientAsync(Roles.Auditor);
        var response = await client.GetAsync(new Uri("/api/v1/roles", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(Roles.All, rows.Select(r => r.GetProperty("role").GetString()));
        foreach (var row in rows)
        {
            Assert.Equal(RolePermissions.PermissionsOf(row.GetProperty("role").GetString()!), row.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        }

        Assert.Contains(UsersPermissions.Manage, rows.Single(r => r.GetProperty("role").GetString() == Roles.SystemAdministrator).GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Token_StopsWhenItsOwnerIsDisabled_OrItExpires()
    {
        var (_, email, token, id) = await MakeAsync();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsDisabled, true));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.BearerClient(token).GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);

        var (_, _, second, secondId) = await MakeAsync();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var past = DateTime.SpecifyKind(new DateTime(2020, 1, 1), DateTimeKind.Utc);
            await db.Set<ApiToken>().Where(t => t.Id == secondId).ExecuteUpdateAsync(set => set.SetProperty(t => t.ExpiresAt, past));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.BearerClient(second).GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
        _ = id;
    }

    [Fact]
    public async Task BadTokenRequests_AreRefused_AndMakeNothing()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var owner = app.Factory.CreateBrowser();
        await Html.SignInAsync(owner, email, AppFixture.Password);

        var manage = await owner.PostJsonAsync("/api/v1/tokens", new { name = "x", expiresInDays = 10, permissions = new[] { ReferenceDataPermissions.Manage } }, HttpStatusCode.BadRequest);
        await owner.PostJsonAsync("/api/v1/tokens", new { name = "x", expiresInDays = 10, permissions = new[] { Permissions.ApiTokensUse } }, HttpStatusCode.BadRequest);
        await owner.PostJsonAsync("/api/v1/tokens", new { name = "x", expiresInDays = 400 }, HttpStatusCode.BadRequest);
        await owner.PostJsonAsync("/api/v1/tokens", new { name = "", expiresInDays = 10 }, HttpStatusCode.BadRequest);

        var page = await Html.GetAsync(owner, "/account/tokens");
        var form = await Html.ParseAsync(await Html.SubmitAsync(owner, page, "main form", new Dictionary<string, string> { ["Name"] = "", ["ExpiresInDays"] = "999" }));

        Assert.True(manage.GetProperty("errors").TryGetProperty("permissions", out _));
        Assert.Null(form.QuerySelector(".new-token"));
        Assert.NotEmpty(form.Text(".error-summary"));
        Assert.Equal(0, (await owner.GetJsonAsync("/api/v1/tokens")).GetArrayLength());
    }

    [Fact]
    public async Task TokensPage_MakesShowsOnceAndRevokes()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        var owner = app.Factory.CreateBrowser();
        await Html.SignInAsync(owner, email, AppFixture.Password);
        var page = await Html.GetAsync(owner, "/account/tokens");
        Assert.NotNull(page.QuerySelector(".empty-state"));

        var made = await Html.ParseAsync(await Html.SubmitAsync(owner, page, "main form", new Dictionary<string, string> { ["Name"] = "Dashboard", ["ExpiresInDays"] = "7" }));
        var token = made.Text(".new-token");
        Assert.StartsWith("spona_", token, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.BearerClient(token).GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);

        var listed = await Html.GetAsync(owner, "/account/tokens");
        Assert.DoesNotContain(token, listed.Body!.InnerHtml, StringComparison.Ordinal);
        await Html.SubmitAsync(owner, listed, "form[action*='handler=Revoke']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.BearerClient(token).GetAsync(new Uri("/api/v1/strategy", UriKind.Relative))).StatusCode);
    }
}
