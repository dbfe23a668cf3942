using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Protection;

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

    [Fact]
    public async Task Start_WithoutNewMigrationsOrColumns_DoesNotScanTheEncryptedColumns_ButAfterASchemaChangeItDoes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = new CommandRecorder();
        IReadOnlyList<EncryptedColumn> columns;
        await using (var factory = Start(database, first))
        {
            await using var scope = factory.Services.CreateAsyncScope();
            columns = scope.ServiceProvider.GetRequiredService<KeyRotation>().Columns;
        }

        Assert.NotEmpty(columns);
        Assert.Contains(first.Commands, c => ScansAnEncryptedColumn(c, columns));

        var second = new CommandRecorder();
        await using (var factory = Start(database, second))
        {
            var ready = await factory.CreateBrowser().GetAsync(new Uri("/health/ready", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);

            var scans = second.Commands.Where(c => ScansAnEncryptedColumn(c, columns)).ToList();
            Assert.True(scans.Count == 0, string.Join("\n", scans));

            // An upgrade (a new migration or a newly encrypted column) no longer matches the recorded sweep: the next
            // start scans again and encrypts what the older version left in clear.
            await using var scope = factory.Services.CreateAsyncScope();
            var created = await scope.ServiceProvider.GetRequiredService<FirstAdministratorSetup>()
                .CreateAdministratorAsync(new NewAdministrator("legacy@example.test", AppFixture.Password, "Legacy"), CancellationToken.None);
            Assert.True(created.Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE \"AspNetUsers\" SET \"DisplayName\" = {"Legacy Clear Name"}");
            await db.Database.ExecuteSqlAsync($"UPDATE \"SeedRecords\" SET \"ContentHash\" = {"from-an-older-version"} WHERE \"Key\" = {KeyRotation.ClearValueSweepKey}");
        }

        await using (var factory = Start(database, new CommandRecorder()))
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var raw = await db.Database.SqlQuery<string>($"SELECT \"DisplayName\" AS \"Value\" FROM \"AspNetUsers\"").SingleAsync();
            Assert.StartsWith("enc:v1:", raw, StringComparison.Ordinal);
            Assert.Equal(1, await db.SeedRecords.CountAsync(r => r.Key == KeyRotation.ClearValueSweepKey && r.ContentHash != "from-an-older-version"));
        }
    }

    private static SponaFactory Start(TestDatabase database, CommandRecorder recorder)
    {
        var factory = new SponaFactory(database, services => services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(recorder)));
        _ = factory.Server;
        return factory;
    }

    /// <summary>The sweep's query: values of an encrypted column whose prefix is not the ciphertext's.</summary>
    private static bool ScansAnEncryptedColumn(string sql, IReadOnlyList<EncryptedColumn> columns) =>
        columns.Any(c => sql.Contains($"FROM \"{c.Table}\" WHERE \"{c.Column}\" IS NOT NULL AND substr(", StringComparison.Ordinal));
}
