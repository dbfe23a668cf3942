using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Tasks;

namespace Spona.Tests.Platform.Access;

/// <summary>
/// S5 as a matrix, generated: every route that addresses one scoped record (a route with an id whose read audit
/// names a registered scoped record type) × every role × every relation of the user to the record → the outcome
/// the access model says: refused by permission (403), not in reach (404), or reached. The expectation comes from one
/// rule (<see cref="Expected"/>) over the role table; a route missing from <see cref="Requests"/> fails the test, so a
/// new module's routes join the matrix by adding their rows here and a record maker in <see cref="Makers"/>.
/// </summary>
public sealed class ScopeMatrixTests(AppFixture app) : IClassFixture<AppFixture>
{
    public enum Relation
    {
        OwnInstitution,
        OwnJurisdiction,
        Elsewhere,
        ActiveReferral,
        RevokedReferral,
        BreakTheGlass,
    }

    private enum Outcome
    {
        Forbidden,
        NotFound,
        Reached,
    }

    /// <summary>How to make a record of each scoped type, owned by an institution in a jurisdiction.</summary>
    private static readonly Dictionary<string, Func<AppDbContext, Guid, Guid?, Guid>> Makers = new(StringComparer.Ordinal)
    {
        [WorkTask.RecordType] = (db, owner, jurisdiction) =>
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            var task = new WorkTask { Id = Guid.NewGuid(), Kind = TaskKinds.General.Code, Title = "Matrix probe", OwnerInstitutionId = owner, JurisdictionId = jurisdiction, EventAt = now, DueAt = now.AddDays(2), CreatedAt = now };
            db.Add(task);
            return task.Id;
        },
    };

    /// <summary>One request per route of a scoped record ("METHOD pattern"), for a record id and the caller's id.</summary>
    private static readonly Dictionary<string, Func<Guid, Guid, HttpRequestMessage>> Requests = new(StringComparer.Ordinal)
    {
        ["GET /tasks/{id:guid}"] = (id, _) => new(HttpMethod.Get, new Uri($"/tasks/{id}", UriKind.Relative)),
        ["GET /api/v1/tasks/{id:guid}"] = (id, _) => new(HttpMethod.Get, new Uri($"/api/v1/tasks/{id}", UriKind.Relative)),
        ["POST /api/v1/tasks/{id:guid}/done"] = (id, _) => Json(HttpMethod.Post, $"/api/v1/tasks/{id}/done", new { }),
        ["POST /api/v1/tasks/{id:guid}/cancel"] = (id, _) => Json(HttpMethod.Post, $"/api/v1/tasks/{id}/cancel", new { reason = "Matrix probe cancels" }),
        ["POST /api/v1/tasks/{id:guid}/assign"] = (id, me) => Json(HttpMethod.Post, $"/api/v1/tasks/{id}/assign", new { assigneeUserId = me }),
    };

    /// <summary>The rule: the role's permission first, then the record's reach.</summary>
    private static Outcome Expected(string role, string permission, Relation relation) =>
        !RolePermissions.RolesWith(permission).Contains(role) ? Outcome.Forbidden
        : relation is Relation.Elsewhere or Relation.RevokedReferral ? Outcome.NotFound
        : Outcome.Reached;

    [Fact]
    public async Task EveryRouteOfAScopedRecord_ForEveryRoleAndRelation_AnswersAsTheAccessModelSays()
    {
        var routes = ScopedRoutes();
        Assert.NotEmpty(routes);
        var unlisted = routes.Keys.Where(r => !Requests.ContainsKey(r)).ToList();
        var stale = Requests.Keys.Where(r => !routes.ContainsKey(r)).ToList();
        Assert.True(unlisted.Count == 0 && stale.Count == 0, $"routes without a row: {string.Join(", ", unlisted)}; rows without a route: {string.Join(", ", stale)}");

        Guid msb, sipa, canton1, bihac, canton2;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            msb = await db.Institutions.Where(i => i.Code == "MSB").Select(i => i.Id).SingleAsync();
            sipa = await db.Institutions.Where(i => i.Code == "SIPA").Select(i => i.Id).SingleAsync();
            canton1 = await db.Jurisdictions.Where(j => j.Code == "BA-01").Select(j => j.Id).SingleAsync();
            bihac = await db.Jurisdictions.Where(j => j.Code == "BA-01-BIHAC").Select(j => j.Id).SingleAsync();
            canton2 = await db.Jurisdictions.Where(j => j.Code == "BA-02").Select(j => j.Id).SingleAsync();
        }

        var failures = new List<string>();
        var cases = 0;
        foreach (var role in Roles.All)
        {
            // Every user: of the Ministry of Security, with a scope over canton 1 and everything below it.
            var email = await app.CreateUserAsync(role);
            var me = await app.UserIdAsync(email);
            await using (var scope = app.Factory.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();
                var user = (await users.FindByEmailAsync(email))!;
                user.JurisdictionId = canton1;
                await users.UpdateAsync(user);
            }

            var client = app.Factory.CreateBrowser();
            await Html.SignInAsync(client, email, AppFixture.Password);
            foreach (var (route, (recordType, permission)) in routes)
            {
                foreach (var relation in Enum.GetValues<Relation>())
                {
                    var id = await MakeAsync(recordType, relation, me, msb, sipa, bihac, canton2);
                    using var response = await client.SendAsync(Requests[route](id, me));
                    var actual = OutcomeOf(response);
                    var expected = Expected(role, permission, relation);
                    cases++;
                    if (actual != expected || (int)response.StatusCode >= 500)
                    {
                        failures.Add($"{route} as {role}, record {relation}: expected {expected}, got {(int)response.StatusCode} ({actual})");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases:\n" + string.Join("\n", failures));
        Assert.Equal(Roles.All.Count * routes.Count * Enum.GetValues<Relation>().Length, cases);
    }

    private async Task<Guid> MakeAsync(string recordType, Relation relation, Guid me, Guid msb, Guid sipa, Guid bihac, Guid canton2)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = relation switch
        {
            Relation.OwnInstitution => Makers[recordType](db, msb, canton2),
            Relation.OwnJurisdiction => Makers[recordType](db, sipa, bihac),
            _ => Makers[recordType](db, sipa, canton2),
        };
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        RecordAccessGrant Grant(GrantBasis basis, Guid? toUser, Guid? toInstitution, DateTime? revoked) => new()
        {
            Id = Guid.NewGuid(),
            RecordType = recordType,
            RecordId = id,
            Basis = basis,
            GranteeUserId = toUser,
            GranteeInstitutionId = toInstitution,
            ValidFrom = now.AddMinutes(-5),
            ValidUntil = now.AddHours(4),
            RevokedAt = revoked,
            CreatedAt = now,
            CreatedByUserId = me,
            Reason = basis == GrantBasis.BreakGlass ? "Matrix probe of break-the-glass access" : null,
        };
        switch (relation)
        {
            case Relation.ActiveReferral:
                db.Add(Grant(GrantBasis.Referral, null, msb, null));
                break;
            case Relation.RevokedReferral:
                db.Add(Grant(GrantBasis.Referral, null, msb, now.AddMinutes(-1)));
                break;
            case Relation.BreakTheGlass:
                db.Add(Grant(GrantBasis.BreakGlass, me, null, null));
                break;
        }

        await db.SaveChangesAsync();
        return id;
    }

    private static Outcome OutcomeOf(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Forbidden => Outcome.Forbidden,
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true => Outcome.Forbidden,
        HttpStatusCode.NotFound => Outcome.NotFound,
        _ => Outcome.Reached,
    };

    /// <summary>Routes with an id whose read audit names a scoped record type, with the permission they require.</summary>
    private Dictionary<string, (string RecordType, string Permission)> ScopedRoutes()
    {
        var types = app.Factory.Services.GetRequiredService<RecordTypeRegistry>().Names.ToHashSet(StringComparer.Ordinal);
        var routes = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var endpoint in app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var reads = endpoint.Metadata.GetMetadata<ReadsPersonalDataAttribute>();
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (reads is null || !types.Contains(reads.RecordType) || !pattern.Contains("{id", StringComparison.Ordinal))
            {
                continue;
            }

            var permission = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null && Permissions.All.Contains(p))
                ?? throw new InvalidOperationException($"{pattern} names no permission.");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes[$"{method} {pattern}"] = (reads.RecordType, permission);
            }
        }

        return routes;
    }

    private static HttpRequestMessage Json(HttpMethod method, string url, object body) => new(method, new Uri(url, UriKind.Relative)) { Content = JsonContent.Create(body) };
}
