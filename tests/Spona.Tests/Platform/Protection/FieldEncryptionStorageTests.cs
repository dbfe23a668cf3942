using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Protection;

namespace Spona.Tests.Platform.Protection;

/// <summary>
/// Personal data written through the application is stored encrypted (S8) on both providers: canaries never appear in
/// the raw SQLite files or a PostgreSQL dump; altered or moved ciphertext is refused, and a page shows only the
/// correlation id.
/// </summary>
public sealed class FieldEncryptionStorageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string NameCanary = "CANARY-Ωmega-4711";
    private const string PhoneCanary = "+387 61 CANARY 0815";
    private const string TokenCanary = "CANARY-TOTP-SECRET-2718";

    [Fact]
    public async Task Canaries_WrittenThroughTheApp_RoundTripAndNeverAppearInRawStorage()
    {
        var email = await app.CreateUserAsync("Analyst", displayName: NameCanary);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            Assert.True((await users.SetPhoneNumberAsync(user, PhoneCanary)).Succeeded);
            Assert.True((await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", TokenCanary)).Succeeded);
        }

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            Assert.Equal(NameCanary, user.DisplayName);
            Assert.Equal(PhoneCanary, await users.GetPhoneNumberAsync(user));
            Assert.Equal(TokenCanary, await users.GetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey"));
            var raw = await RawAsync($"SELECT \"DisplayName\" FROM \"AspNetUsers\" WHERE \"Id\" = {Literal(user.Id)}");
            Assert.StartsWith(FieldProtector.Prefix, raw, StringComparison.Ordinal);
        }

        var hits = app.Database.IsPostgres ? ScanPostgresDump() : ScanSqliteFiles();

        Assert.Empty(hits);
    }

    [Fact]
    public async Task DataProtectionKeys_AreStoredEncrypted_AndNoWarningIsLogged()
    {
        var client = await app.SignedInClientAsync();
        Assert.NotNull(client);

        var xml = await RawAsync("SELECT \"Xml\" FROM \"DataProtectionKeys\"");

        Assert.Contains(nameof(DataProtectionKeyDecryptor), xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Factory.Logs.Lines, l => l.Contains("No XML encryptor configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FlippedCiphertextByte_IsRefused_AndThePageShowsOnlyACorrelationId()
    {
        var email = await app.CreateUserAsync("Analyst", displayName: NameCanary);
        var id = await UserIdAsync(email);
        var raw = await RawAsync($"SELECT \"DisplayName\" FROM \"AspNetUsers\" WHERE \"Id\" = {Literal(id)}");
        var chars = raw.ToCharArray();
        chars[30] = chars[30] == 'A' ? 'B' : 'A';
        await ExecuteAsync($"UPDATE \"AspNetUsers\" SET \"DisplayName\" = '{new string(chars)}' WHERE \"Id\" = {Literal(id)}");

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => db.Users.SingleAsync(u => u.Id == id));
            var decryption = Assert.IsType<PersonalDataDecryptionException>(ex is PersonalDataDecryptionException ? ex : ex.InnerException);
            Assert.Contains("AspNetUsers.DisplayName", decryption.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(NameCanary, ex.ToString(), StringComparison.Ordinal);
        }

        var client = app.Factory.CreateBrowser();
        var page = await Html.GetAsync(client, "/account/sign-in");
        var response = await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = AppFixture.Password });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = await Html.ParseAsync(response);
        Assert.Matches("^[0-9a-f]{32}$", error.Text("main code"));
        Assert.DoesNotContain(NameCanary, error.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("enc:v1:", error.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CiphertextMovedToAnotherColumn_IsRefused()
    {
        var email = await app.CreateUserAsync("Analyst", displayName: NameCanary);
        var id = await UserIdAsync(email);
        await ExecuteAsync($"UPDATE \"AspNetUsers\" SET \"PhoneNumber\" = \"DisplayName\" WHERE \"Id\" = {Literal(id)}");

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => db.Users.SingleAsync(u => u.Id == id));
        var decryption = Assert.IsType<PersonalDataDecryptionException>(ex is PersonalDataDecryptionException ? ex : ex.InnerException);
        Assert.Contains("AspNetUsers.PhoneNumber", decryption.Message, StringComparison.Ordinal);
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>().FindByEmailAsync(email))!.Id;
    }

    private string Literal(Guid id) => app.Database.IsPostgres ? $"'{id}'" : $"'{id.ToString().ToUpperInvariant()}'";

    private async Task<string> RawAsync(string sql)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return string.Join("\n", values);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
#pragma warning disable EF1002 // test-only SQL built from values the test generated
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql);
#pragma warning restore EF1002
    }

    private static IEnumerable<byte[]> Needles() =>
        new[] { NameCanary, PhoneCanary, TokenCanary, "Ωmega-4711" }.SelectMany(c => new[] { Encoding.UTF8.GetBytes(c), Encoding.Unicode.GetBytes(c), Encoding.BigEndianUnicode.GetBytes(c) });

    private static List<string> Scan(string label, byte[] content) =>
        [.. Needles().Where(n => content.AsSpan().IndexOf(n) >= 0).Select(n => $"{label}: {Convert.ToHexString(n)}")];

    private List<string> ScanSqliteFiles()
    {
        var file = new SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;
        using (var connection = new SqliteConnection(app.Database.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(FULL);";
            command.ExecuteNonQuery();
        }

        var hits = new List<string>();
        foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" }.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            hits.AddRange(Scan(Path.GetFileName(path), memory.ToArray()));
        }

        Assert.True(File.Exists(file));
        return hits;
    }

    private List<string> ScanPostgresDump()
    {
        var builder = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString);
        var pgDump = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", "pg_dump")).First(File.Exists);
        var start = new ProcessStartInfo(pgDump) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database!, "--no-owner" })
        {
            start.ArgumentList.Add(arg);
        }

        if (!string.IsNullOrEmpty(builder.Password))
        {
            start.Environment["PGPASSWORD"] = builder.Password;
        }

        using var process = Process.Start(start)!;
        using var memory = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(memory);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + error.Result);
        var dump = memory.ToArray();
        Assert.Contains("AspNetUsers", Encoding.UTF8.GetString(dump), StringComparison.Ordinal);
        return Scan("pg_dump", dump);
    }
}
