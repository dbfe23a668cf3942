using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Features.Users;

/// <summary>
/// ADR 0019: the user list finds a person by name in either script, with or without diacritics, through the name's
/// folded blind indexes (page and API), while the name stays encrypted in storage.
/// </summary>
public sealed class UserNameSearchTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task SearchByName_FindsTheSamePerson_InLatinWithoutDiacriticsAndInCyrillic()
    {
        var email = await app.CreateUserAsync(Roles.CaseWorker, displayName: "Zorka Šarićkanarević");
        await app.CreateUserAsync(Roles.CaseWorker, displayName: "Zorka Petrović");
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);

        foreach (var search in new[] { "Šarićkanarević", "Sarickanarevic", "Шарићканаревић", "zorka SARICKANAREVIC" })
        {
            var found = await admin.PostJsonAsync("/api/v1/users/search", new { search }, HttpStatusCode.OK);
            var emails = found.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()).ToList();
            Assert.Equal([email], emails);
        }

        var none = await admin.PostJsonAsync("/api/v1/users/search", new { search = "Saric" }, HttpStatusCode.OK);
        Assert.Empty(none.GetProperty("items").EnumerateArray());
        var both = await admin.PostJsonAsync("/api/v1/users/search", new { search = "Зорка" }, HttpStatusCode.OK);
        Assert.Equal(2, both.GetProperty("items").GetArrayLength());

        var page = await Html.SearchUsersAsync(admin, "Шарићканаревић");
        Assert.Contains(email, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Petrović", page.Body.TextContent, StringComparison.Ordinal);

        var raw = await RawUsersAsync();
        foreach (var canary in new[] { "Šarićkanarević", "arickanarevic", "arićkanarević", "Petrovi" })
        {
            Assert.DoesNotContain(canary, raw, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task AccountsOlderThanTheNameIndex_AreFoundAfterTheStartUpBackfill()
    {
        var email = await app.CreateUserAsync(Roles.CaseWorker, displayName: "Milica Đurđevićkanar");
        await using (var connection = Spona.Tests.Platform.Audit.AuditDatabase.Open(app.Database))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """UPDATE "AspNetUsers" SET "DisplayNameIndex" = NULL, "DisplayNameWords" = NULL""";
            await command.ExecuteNonQueryAsync();
        }

        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var before = await admin.PostJsonAsync("/api/v1/users/search", new { search = "djurdjevickanar" }, HttpStatusCode.OK);
        Assert.Empty(before.GetProperty("items").EnumerateArray());

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Spona.Web.Platform.Persistence.AppDbContext>();
            Assert.True(await Spona.Web.Platform.Protection.BlindIndexBackfill.FillMissingAsync(db, CancellationToken.None) >= 1);
            Assert.Equal(0, await Spona.Web.Platform.Protection.BlindIndexBackfill.FillMissingAsync(db, CancellationToken.None));
        }

        var after = await admin.PostJsonAsync("/api/v1/users/search", new { search = "Ђурђевићканар" }, HttpStatusCode.OK);
        Assert.Equal([email], after.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()).ToList());
    }

    private async Task<string> RawUsersAsync()
    {
        if (!app.Database.IsPostgres)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var text = new StringBuilder();
            foreach (var file in Directory.GetFiles(app.Database.DataDirectory, "*", SearchOption.AllDirectories))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory);
                text.Append(Encoding.UTF8.GetString(memory.ToArray()));
            }

            return text.ToString();
        }

        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT string_agg(t::text, E'\n') FROM "AspNetUsers" t""";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
