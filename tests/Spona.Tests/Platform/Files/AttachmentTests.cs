using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Tests.Platform.Audit;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Files;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Protection;

namespace Spona.Tests.Platform.Files;

/// <summary>
/// Encrypted attachments (ADR 0020) through HTTP: what is accepted and refused by content, what a user who does not
/// reach the record sees, what the read audit records, and that neither the storage folder, the database file nor the
/// trail holds a file's content or name in clear.
/// </summary>
public sealed class AttachmentTests(FilesFixture app) : IClassFixture<FilesFixture>
{
    [Fact]
    public async Task Upload_ThenListAndDownload_ReturnsTheSameBytes_AndTheDownloadIsAuditedAsARead()
    {
        var (client, email, user) = await SignInAsync();
        var record = app.NewRecord(user);
        // Several 64 KiB segments and a short last one.
        var content = TestFiles.Pdf().Concat(RandomBytes(200_000)).ToArray();

        var created = await Api.JsonAsync(await UploadAsync(client, record, "decision.pdf", content), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var list = await client.GetJsonAsync($"/api/v1/records/{FilesFixture.RecordType}/{record}/files");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("decision.pdf", list.GetProperty("items")[0].GetProperty("fileName").GetString());
        var before = await LastSequenceAsync();
        using var download = await client.GetAsync(new Uri($"/api/v1/files/{id}/content", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var reads = (await AuditDatabase.EntriesAsync(app.Factory)).Where(e => e.Sequence > before && e.Action == AuditActions.RecordRead && e.ActorLabel == email).ToList();
        Assert.Contains(reads, e => e.EntityType == nameof(StoredFile) && e.EntityKey == id && e.Outcome == AuditOutcome.Success && e.Changes!.Contains("/api/v1/files/{id:guid}/content", StringComparison.Ordinal));
        Assert.Contains(reads, e => e.EntityType == FilesFixture.RecordType && e.EntityKey == record.ToString());
    }

    public static TheoryData<string, string> AllowedKinds() => new()
    {
        { "pdf", "application/pdf" },
        { "png", "image/png" },
        { "jpeg", "image/jpeg" },
        { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "odt", "application/vnd.oasis.opendocument.text" },
    };

    [Theory]
    [MemberData(nameof(AllowedKinds))]
    public async Task AllowedKind_IsAccepted_WithTheTypeFoundInItsBytes(string kind, string contentType)
    {
        var (client, _, user) = await SignInAsync();
        var record = app.NewRecord(user);
        var bytes = Build(kind);

        // The client's own type is wrong on purpose: only the bytes count.
        var created = await Api.JsonAsync(await UploadAsync(client, record, "document." + kind, bytes, "text/plain"), HttpStatusCode.Created);

        Assert.Equal(contentType, created.GetProperty("contentType").GetString());
        using var download = await client.GetAsync(new Uri($"/api/v1/files/{created.GetProperty("id").GetString()}/content", UriKind.Relative));
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
    }

    public static TheoryData<string, string, HttpStatusCode> RefusedFiles() => new()
    {
        { "exe", "invoice.pdf", HttpStatusCode.UnsupportedMediaType },
        { "zip", "archive.docx", HttpStatusCode.UnsupportedMediaType },
        { "docm", "macro.docx", HttpStatusCode.UnsupportedMediaType },
        { "empty", "empty.pdf", HttpStatusCode.BadRequest },
        { "large", "large.pdf", HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task RefusedFile_IsRefusedWithAClearMessage_AndNothingIsStored(string kind, string name, HttpStatusCode expected)
    {
        var (client, _, user) = await SignInAsync();
        var record = app.NewRecord(user);
        var blobsBefore = Blobs();

        var problem = await Api.JsonAsync(await UploadAsync(client, record, name, Build(kind)), expected);

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(blobsBefore, Blobs());
        await using var scope = app.Factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<StoredFile>().AnyAsync(f => f.RecordId == record));
    }

    [Fact]
    public async Task FileName_WithPathAndDirectionOverride_IsStoredWithoutThem()
    {
        var (client, _, user) = await SignInAsync();
        var record = app.NewRecord(user);

        var created = await Api.JsonAsync(await UploadAsync(client, record, "../../etc/\u202Egnp.exe\u0007.pdf", TestFiles.Pdf()), HttpStatusCode.Created);

        Assert.Equal("gnp.exe.pdf", created.GetProperty("fileName").GetString());
        Assert.Equal("passwd.pdf", FileNames.Sanitise("C:\\Windows\\..\\passwd", ".pdf"));
        Assert.Equal(StoredFile.FileNameLength, FileNames.Sanitise(new string('a', 500) + ".docx", ".pdf").Length);
        Assert.EndsWith(".docx", FileNames.Sanitise(new string('a', 500) + ".docx", ".pdf"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserWhoDoesNotReachTheRecord_Gets404OnUploadListAndDownload_AndTheDenialIsAudited()
    {
        var (owner, _, ownerId) = await SignInAsync();
        var record = app.NewRecord(ownerId);
        var id = (await Api.JsonAsync(await UploadAsync(owner, record, "a.pdf", TestFiles.Pdf()), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var (outsider, outsiderEmail, _) = await SignInAsync();
        var before = await LastSequenceAsync();

        await Api.JsonAsync(await UploadAsync(outsider, record, "b.pdf", TestFiles.Pdf()), HttpStatusCode.NotFound);
        await outsider.GetJsonAsync($"/api/v1/records/{FilesFixture.RecordType}/{record}/files", HttpStatusCode.NotFound);
        await outsider.GetJsonAsync($"/api/v1/files/{id}", HttpStatusCode.NotFound);
        using (var download = await outsider.GetAsync(new Uri($"/api/v1/files/{id}/content", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        }

        await Html.GetAsync(outsider, $"/files/record/{FilesFixture.RecordType}/{record}", HttpStatusCode.NotFound);
        await outsider.GetJsonAsync($"/api/v1/records/NoSuchType/{record}/files", HttpStatusCode.NotFound);
        var denied = (await AuditDatabase.EntriesAsync(app.Factory))
            .Where(e => e.Sequence > before && e.Action == AuditActions.RecordRead && e.ActorLabel == outsiderEmail && e.Outcome == AuditOutcome.Denied).ToList();
        Assert.Contains(denied, e => e.EntityKey == id && e.Changes!.Contains("/api/v1/files/{id:guid}/content", StringComparison.Ordinal));
        Assert.Contains(denied, e => e.EntityType == FilesFixture.RecordType && e.EntityKey == record.ToString() && e.Changes!.Contains("POST /api/v1/records/{recordType}/{recordId:guid}/files", StringComparison.Ordinal));
        Assert.Contains(denied, e => e.EntityType == FilesFixture.RecordType && e.EntityKey == record.ToString() && e.Changes!.Contains("GET /api/v1/records/{recordType}/{recordId:guid}/files", StringComparison.Ordinal));
        Assert.Contains(denied, e => e.EntityType == FilesFixture.RecordType && e.EntityKey == record.ToString() && e.Changes!.Contains("/files/record/{recordType}/{recordId:guid}", StringComparison.Ordinal));
        Assert.DoesNotContain((await AuditDatabase.EntriesAsync(app.Factory)).Where(e => e.Sequence > before), e => e.ActorLabel == outsiderEmail && e.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task TamperedBlob_IsRefused_AndNoByteOfItIsServed()
    {
        var (client, _, user) = await SignInAsync();
        var record = app.NewRecord(user);
        var content = TestFiles.Pdf("tamper-test");
        var id = Guid.Parse((await Api.JsonAsync(await UploadAsync(client, record, "t.pdf", content), HttpStatusCode.Created)).GetProperty("id").GetString()!);
        var path = app.Factory.Services.GetRequiredService<EncryptedFileStore>().PathOf(id);
        var blob = await File.ReadAllBytesAsync(path);
        blob[^20] ^= 0x01;
        await File.WriteAllBytesAsync(path, blob);

        using var download = await client.GetAsync(new Uri($"/api/v1/files/{id}/content", UriKind.Relative));
        var body = await download.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, download.StatusCode);
        Assert.Equal("application/problem+json", download.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("tamper-test", Encoding.Latin1.GetString(body), StringComparison.Ordinal);
        Assert.DoesNotContain("%PDF", Encoding.Latin1.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Canary_InContentAndName_IsInNoStoredFile_NotInTheDatabaseFile_AndNotInTheTrail()
    {
        var (client, _, user) = await SignInAsync();
        var record = app.NewRecord(user);
        var canary = "CANARY-" + Guid.NewGuid().ToString("N");
        var id = (await Api.JsonAsync(await UploadAsync(client, record, canary + ".pdf", TestFiles.Pdf(canary)), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using (var download = await client.GetAsync(new Uri($"/api/v1/files/{id}/content", UriKind.Relative)))
        {
            Assert.Contains(canary, Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }

        var needle = Encoding.UTF8.GetBytes(canary);
        foreach (var file in Directory.EnumerateFiles(app.StorageFolder, "*", SearchOption.AllDirectories))
        {
            Assert.False(Contains(await File.ReadAllBytesAsync(file), needle), file);
        }

        if (!app.Database.IsPostgres)
        {
            SqliteConnection.ClearAllPools();
            var database = new SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;
            foreach (var file in new[] { database, database + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                Assert.False(Contains(copy.ToArray(), needle), file);
            }
        }

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Database.SqlQueryRaw<string>("SELECT \"FileName\" AS \"Value\" FROM \"StoredFiles\"").ToListAsync();
        Assert.DoesNotContain(stored, s => s.Contains(canary, StringComparison.Ordinal));
        Assert.DoesNotContain(await AuditDatabase.EntriesAsync(app.Factory), e => $"{e.EntityKey} {e.Changes} {e.Reason}".Contains(canary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyRotation_KeepsOlderFilesReadable_AndNewFilesUseTheNewKey()
    {
        var (client, _, user) = await SignInAsync();
        var record = app.NewRecord(user);
        var old = TestFiles.Pdf("before rotation");
        var oldFile = await Api.JsonAsync(await UploadAsync(client, record, "old.pdf", old), HttpStatusCode.Created);
        var ring = app.Factory.Services.GetRequiredService<KeyRing>();
        var oldKey = ring.ActiveKey.Id;

        var newKey = ring.Rotate();
        var fresh = TestFiles.Pdf("after rotation");
        var newFile = await Api.JsonAsync(await UploadAsync(client, record, "new.pdf", fresh), HttpStatusCode.Created);

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(oldKey, (await db.Set<StoredFile>().SingleAsync(f => f.Id == oldFile.GetProperty("id").GetGuid())).KeyId);
            Assert.Equal(newKey.Id, (await db.Set<StoredFile>().SingleAsync(f => f.Id == newFile.GetProperty("id").GetGuid())).KeyId);
        }

        Assert.Equal(old, await client.GetByteArrayAsync(new Uri($"/api/v1/files/{oldFile.GetProperty("id").GetString()}/content", UriKind.Relative)));
        Assert.Equal(fresh, await client.GetByteArrayAsync(new Uri($"/api/v1/files/{newFile.GetProperty("id").GetString()}/content", UriKind.Relative)));
    }

    [Fact]
    public async Task Delete_WithAReason_KeepsTheRowAndDestroysTheContent()
    {
        var (client, _, user) = await SignInAsync();
        var record = app.NewRecord(user);
        var id = Guid.Parse((await Api.JsonAsync(await UploadAsync(client, record, "d.pdf", TestFiles.Pdf()), HttpStatusCode.Created)).GetProperty("id").GetString()!);
        var path = app.Factory.Services.GetRequiredService<EncryptedFileStore>().PathOf(id);
        Assert.True(File.Exists(path));

        using var noReason = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/files/{id}", UriKind.Relative)) { Content = System.Net.Http.Json.JsonContent.Create(new { reason = "short" }) });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var deleted = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/files/{id}", UriKind.Relative)) { Content = System.Net.Http.Json.JsonContent.Create(new { reason = "Attached to the wrong record by mistake" }) });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(File.Exists(path));
        var meta = await client.GetJsonAsync($"/api/v1/files/{id}");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, meta.GetProperty("deletedAt").ValueKind);
        await client.GetJsonAsync($"/api/v1/files/{id}/content", HttpStatusCode.NotFound);
        Assert.Equal(0, (await client.GetJsonAsync($"/api/v1/records/{FilesFixture.RecordType}/{record}/files")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AttachmentsPage_ShowsEmptyState_UploadsWithItsAntiforgeryToken_AndShowsARefusalBesideTheField()
    {
        var (client, _, user) = await SignInAsync();
        var record = app.NewRecord(user);
        var url = $"/files/record/{FilesFixture.RecordType}/{record}";
        var page = await Html.GetAsync(client, url);
        Assert.NotNull(page.QuerySelector(".attachments .empty-state"));

        // Without the token the upload is refused and stores nothing.
        using (var forged = await client.PostAsync(new Uri(url + "?handler=Upload", UriKind.Relative), Multipart(null, "x.pdf", TestFiles.Pdf(), "application/pdf")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        using var uploaded = await PostFormAsync(client, page, "x.pdf", TestFiles.Pdf());
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        page = await Html.GetAsync(client, url);
        var link = page.QuerySelector(".attachments table a")!;
        Assert.Equal("x.pdf", link.TextContent.Trim());
        Assert.Equal(TestFiles.Pdf(), await client.GetByteArrayAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative)));

        using var refused = await PostFormAsync(client, page, "tool.pdf", TestFiles.Executable());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errorPage = await Html.ParseAsync(refused);
        var field = errorPage.QuerySelector(".attachments .field")!;
        Assert.Contains("This kind of file cannot be attached", field.QuerySelector(".field-error")!.TextContent, StringComparison.Ordinal);
        Assert.Single(errorPage.QuerySelectorAll(".attachments table tbody tr"));
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, IDocument page, string name, byte[] bytes)
    {
        var form = page.QuerySelector(".attachments form")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        return await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), Multipart(token, name, bytes, "application/octet-stream"));
    }

    private async Task<(HttpClient Client, string Email, Guid Id)> SignInAsync()
    {
        var email = await app.CreateUserAsync(Roles.CaseWorker);
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password);
        return (client, email, await app.UserIdAsync(email));
    }

    /// <summary>Posts to the API as a signed-in browser would: with the antiforgery token of the record's attachments page.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid record, string name, byte[] bytes, string contentType = "application/pdf")
    {
        using var page = await client.GetAsync(new Uri($"/files/record/{FilesFixture.RecordType}/{record}", UriKind.Relative));
        string? token = null;
        if (page.IsSuccessStatusCode)
        {
            token = (await Html.ParseAsync(page)).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        }

        return await client.PostAsync(new Uri($"/api/v1/records/{FilesFixture.RecordType}/{record}/files", UriKind.Relative), Multipart(token, name, bytes, contentType));
    }

    private static MultipartFormDataContent Multipart(string? token, string name, byte[] bytes, string contentType)
    {
        var content = new MultipartFormDataContent();
        if (token is not null)
        {
            content.Add(new StringContent(token), "__RequestVerificationToken");
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "file", name);
        return content;
    }

    private static byte[] Build(string kind) => kind switch
    {
        "pdf" => TestFiles.Pdf(),
        "png" => TestFiles.Png(),
        "jpeg" => TestFiles.Jpeg(),
        "docx" => TestFiles.Docx(),
        "xlsx" => TestFiles.Xlsx(),
        "odt" => TestFiles.Odt(),
        "exe" => TestFiles.Executable(),
        "zip" => TestFiles.PlainZip(),
        "docm" => TestFiles.Docm(),
        "empty" => [],
        "large" => [.. TestFiles.Pdf(), .. new byte[FilesFixture.MaxBytes]],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private string[] Blobs() => Directory.Exists(app.StorageFolder)
        ? [.. Directory.EnumerateFiles(app.StorageFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
        : [];

    private async Task<long> LastSequenceAsync() => (await AuditDatabase.EntriesAsync(app.Factory)).LastOrDefault()?.Sequence ?? 0;

    private static byte[] RandomBytes(int count) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(count);

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
