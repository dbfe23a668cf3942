using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Protection;

/// <summary>An upgrade from a version that stored names in clear: the next start encrypts them, and they still read.</summary>
public sealed class ClearValueUpgradeTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ClearValuesFromAnOlderVersion_AreEncryptedAtStart_AndStayReadable()
    {
        var email = await app.CreateUserAsync(Roles.Analyst);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE \"AspNetUsers\" SET \"DisplayName\" = {"Legacy Clear Name"} WHERE \"Id\" = {id}");

        await DatabaseInitializer.PrepareAsync(scope.ServiceProvider, CancellationToken.None);

        var raw = await db.Database.SqlQuery<string>($"SELECT \"DisplayName\" AS \"Value\" FROM \"AspNetUsers\" WHERE \"Id\" = {id}").SingleAsync();
        Assert.StartsWith("enc:v1:", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Legacy", raw, StringComparison.Ordinal);
        await using var fresh = app.Factory.Services.CreateAsyncScope();
        var user = await fresh.ServiceProvider.GetRequiredService<UserManager<SponaUser>>().FindByIdAsync(id.ToString());
        Assert.Equal("Legacy Clear Name", user!.DisplayName);
    }
}
