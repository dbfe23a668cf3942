using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Features.Users;

/// <summary>
/// Account changes check, then write, in one transaction, decided one after the other: the rule "the last active
/// system administrator stays" cannot be raced by two administrators at once. Each test has an application of its own
/// (it counts administrators).
/// </summary>
public sealed class AccountChangeConcurrencyTests : IAsyncLifetime
{
    private readonly AppFixture app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task TwoAdministratorsDisablingEachOtherAtOnce_OneStaysActive()
    {
        for (var round = 0; round < 3; round++)
        {
            var first = await app.CreateUserAsync(Roles.SystemAdministrator);
            var second = await app.CreateUserAsync(Roles.SystemAdministrator);
            await DisableEveryOtherAdministratorAsync(first, second);
            var a = app.Factory.CreateBrowser();
            var b = app.Factory.CreateBrowser();
            await Html.SignInAsync(a, first, AppFixture.Password);
            await Html.SignInAsync(b, second, AppFixture.Password);
            var firstId = await app.UserIdAsync(first);
            var secondId = await app.UserIdAsync(second);

            await Task.WhenAll(
                a.PostAsJsonAsync(new Uri($"/api/v1/users/{secondId}/disable", UriKind.Relative), new { }),
                b.PostAsJsonAsync(new Uri($"/api/v1/users/{firstId}/disable", UriKind.Relative), new { }));

            Assert.Equal(1, await ActiveAdministratorsAsync());
        }
    }

    /// <summary>Leaves exactly the two named administrators active (earlier rounds' survivors are disabled directly).</summary>
    private async Task DisableEveryOtherAdministratorAsync(params string[] keep)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var normalized = keep.Select(e => e.ToUpperInvariant()).ToList();
        foreach (var user in await db.Users.Where(u => !normalized.Contains(u.NormalizedEmail!)).ToListAsync())
        {
            user.IsDisabled = true;
        }

        await db.SaveChangesAsync();
        Assert.Equal(2, await ActiveAdministratorsAsync());
    }

    private async Task<int> ActiveAdministratorsAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.CountAsync(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.SystemAdministrator)));
    }
}
