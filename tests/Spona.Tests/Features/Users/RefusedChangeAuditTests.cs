using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Features.Users;

/// <summary>
/// S7: the trail says only what happened. A change of an account that fails half-way (here: the account store reports
/// a concurrent change, as it does when another administrator saved first) answers a conflict, changes nothing and
/// leaves no entry claiming that the account was disabled.
/// </summary>
public sealed class RefusedChangeAuditTests : IAsyncLifetime
{
    private const string FragileName = "Synthetic Fragile Account";
    private readonly AppFixture app = new FailingStoreApp();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task ChangeThatFails_AnswersConflict_ChangesNothing_AndLeavesNoEntry()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var fragile = await app.UserIdAsync(await app.CreateUserAsync(Roles.Analyst, displayName: FragileName));
        var sturdy = await app.UserIdAsync(await app.CreateUserAsync(Roles.Analyst, displayName: "Synthetic Sturdy Account"));

        // The control: the same change of another account succeeds and is recorded.
        await admin.PostJsonAsync($"/api/v1/users/{sturdy}/disable", new { }, HttpStatusCode.OK);
        Assert.Equal(1, await EntriesAsync(sturdy, "user.disabled"));

        var response = await admin.PostAsync(new Uri($"/api/v1/users/{fragile}/disable", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False((await db.Users.AsNoTracking().SingleAsync(u => u.Id == fragile)).IsDisabled);
        Assert.Equal(0, await EntriesAsync(fragile, "user.disabled"));

        // Nor does the next request of the same administrator carry the refused entry along.
        await admin.GetAsync(new Uri("/api/v1/roles", UriKind.Relative));
        Assert.Equal(0, await EntriesAsync(fragile, "user.disabled"));
    }

    private async Task<int> EntriesAsync(Guid user, string action)
    {
        await app.Factory.SealAuditAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<AuditEntry>().CountAsync(e => e.Action == action && e.EntityKey == user.ToString());
    }

    private sealed class FailingStoreApp : AppFixture
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.Replace(ServiceDescriptor.Scoped<UserManager<SponaUser>, FragileUserManager>());
    }

    /// <summary>Reports a concurrent change when the fragile account is saved, as the store does after losing a race.</summary>
    private sealed class FragileUserManager(
        IUserStore<SponaUser> store, IOptions<IdentityOptions> options, IPasswordHasher<SponaUser> hasher,
        IEnumerable<IUserValidator<SponaUser>> userValidators, IEnumerable<IPasswordValidator<SponaUser>> passwordValidators,
        ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<SponaUser>> logger)
        : UserManager<SponaUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
    {
        public override Task<IdentityResult> UpdateAsync(SponaUser user) =>
            user.DisplayName == FragileName && user.IsDisabled
                ? Task.FromResult(IdentityResult.Failed(ErrorDescriber.ConcurrencyFailure()))
                : base.UpdateAsync(user);
    }
}
