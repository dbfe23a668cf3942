using System.Net;
using System.Text;
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
