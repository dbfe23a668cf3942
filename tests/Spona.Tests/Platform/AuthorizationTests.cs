using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.ActionPlans;
using Spona.Web.Features.ReferenceData;
using Spona.Web.Features.Strategy;
using Spona.Web.Features.Users;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Platform;

public sealed class AuthorizationTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>A request that needs exactly one permission, per permission. A new permission needs a probe here.</summary>
    private static readonly Dictionary<string, (HttpMethod Method, string Url, object? Body)> Probes = new()
    {
        [StrategyPermissions.Read] = (HttpMethod.Get, "/api/v1/strategy", null),
        [StrategyPermissions.Amend] = (HttpMethod.Post, "/api/v1/strategy/measures/1.1/amendments", new { proposedBy = "Probe", proposedOn = "2025-01-01", change = "Probe" }),
        [ReferenceDataPermissions.Read] = (HttpMethod.Get, "/api/v1/jurisdictions", null),
        [UsersPermissions.Manage] = (HttpMethod.Get, "/api/v1/users", null),
        [UsersPermissions.RolesRead] = (HttpMethod.Get, "/api/v1/roles", null),
        [Permissions.ApiTokensUse] = (HttpMethod.Get, "/api/v1/tokens", null),
        [Permissions.AccessBreakGlass] = (HttpMethod.Post, "/api/v1/access/break-glass", new { recordType = "Probe", recordId = Guid.Empty, reason = "Probe of the permission only" }),
        [Permissions.AccessReview] = (HttpMethod.Get, "/api/v1/access/break-glass", null),
        [Permissions.AuditRead] = (HttpMethod.Get, "/api/v1/audit", null),
        [Permissions.NotificationsRead] = (HttpMethod.Get, "/api/v1/notifications", null),
        [Permissions.TasksWork] = (HttpMethod.Get, "/api/v1/tasks", null),
        [ActionPlansPermissions.Read] = (HttpMethod.Get, "/api/v1/action-plans", null),
        [ActionPlansPermissions.ReadAll] = (HttpMethod.Get, "/api/v1/action-plans/coverage", null),
        [ActionPlansPermissions.Manage] = (HttpMethod.Post, "/api/v1/action-plans", new { }),
        [ActionPlansPermissions.Report] = (HttpMethod.Put, $"/api/v1/action-plans/activities/{Guid.Empty}/reports/{Guid.Empty}", new { }),
        [ActionPlansPermissions.Monitor] = (HttpMethod.Post, $"/api/v1/action-plans/periods/{Guid.Empty}/lock", new { }),
        [Permissions.TasksSupervise] = (HttpMethod.Get, "/api/v1/tasks/overdue", null),
        [Permissions.FilesRead] = (HttpMethod.Get, "/api/v1/files/00000000-0000-0000-0000-000000000001", null),
        [Permissions.FilesAttach] = (HttpMethod.Delete, "/api/v1/files/00000000-0000-0000-0000-000000000001", new { reason = "Probe of the permission only" }),
        [ReferenceDataPermissions.Manage] = (HttpMethod.Post, "/api/v1/code-lists/sexes/items", new { code = "probe", labelEn = "P", labelBs = "P", labelHr = "P", labelSrLatn = "P" }),
    };

    public static TheoryData<string, string> DeniedPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var permission in Permissions.All)
        {
            foreach (var role in Roles.All.Where(r => !RolePermissions.RolesWith(permission).Contains(r)))
            {
                data.Add(permission, role);
            }
        }

        return data;
    }

    [Fact]
    public void EveryEndpoint_NamesAPermissionOrIsExplicitlyAnonymous()
    {
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var unprotected = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => !string.IsNullOrEmpty(p)).ToList();
            if (!anonymous && (policies.Count == 0 || !policies.All(p => Permissions.All.Contains(p!) || AccountPolicies.All.Contains(p!))))
            {
                unprotected.Add((endpoint.DisplayName ?? endpoint.ToString()!) + " [" + string.Join(",", endpoint.Metadata.Select(m => m.GetType().Name + (m is IAuthorizeData a ? ":" + a.Policy : ""))) + "]");
            }
        }

        Assert.True(endpoints.Count > 20);
        Assert.True(unprotected.Count == 0, string.Join("\n", unprotected));
    }

    [Fact]
    public void EveryPermission_HasAProbeAndAtLeastOneRole()
    {
        Assert.Equal(Permissions.All.OrderBy(p => p), Probes.Keys.OrderBy(p => p));
        Assert.All(Permissions.All, p => Assert.NotEmpty(RolePermissions.RolesWith(p)));
    }

    [Fact]
    public void TheTwoTheories_TogetherRunEveryRoleAndPermissionPair()
    {
        var denied = DeniedPairs().Select(row => ((string)row[0], (string)row[1])).ToHashSet();
        var allowed = AllowedPairs().Select(row => ((string)row[0], (string)row[1])).ToHashSet();

        Assert.Empty(denied.Intersect(allowed));
        Assert.Equal(Permissions.All.Count * Roles.All.Count, denied.Count + allowed.Count);
    }

    [Theory]
    [MemberData(nameof(DeniedPairs))]
    public async Task Permission_RoleWithoutIt_IsForbidden(string permission, string role)
    {
        var client = await app.SignedInClientAsync(role);

        var response = await SendAsync(client, Probes[permission]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public async Task Permission_RoleWithIt_IsNotForbidden(string permission, string role)
    {
        var client = await app.SignedInClientAsync(role);

        var response = await SendAsync(client, Probes[permission]);

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string> AllowedPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var permission in Permissions.All)
        {
            foreach (var role in Roles.All.Where(r => RolePermissions.RolesWith(permission).Contains(r)))
            {
                data.Add(permission, role);
            }
        }

        return data;
    }

    [Fact]
    public async Task UserWithoutRole_IsForbiddenEverywhere()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Spona.Web.Platform.Identity.SponaUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.RemoveFromRoleAsync(user, Roles.Analyst);
        }

        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password);

        foreach (var probe in Probes.Values)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client, probe)).StatusCode);
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, (HttpMethod Method, string Url, object? Body) probe)
    {
        var request = new HttpRequestMessage(probe.Method, new Uri(probe.Url, UriKind.Relative));
        if (probe.Body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(probe.Body);
        }

        return client.SendAsync(request);
    }
}
