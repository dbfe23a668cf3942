using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
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
        var (_, _, token, id) = await MakeAsync(Permissions.StrategyRead);
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

        var manage = await owner.PostJsonAsync("/api/v1/tokens", new { name = "x", expiresInDays = 10, permissions = new[] { Permissions.ReferenceDataManage } }, HttpStatusCode.BadRequest);
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
