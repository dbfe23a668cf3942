using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Access;

namespace Spona.Tests.Platform.Files;

/// <summary>
/// The application with a test record type, <c>TestRecord</c>, whose records exist while they are in
/// <see cref="Reach"/> and which only the accounts listed for a record reach. Files:MaxBytes is 256 KiB here, so that
/// a file of several 64 KiB segments and one over the limit stay small.
/// </summary>
public sealed class FilesFixture : AppFixture
{
    public const string RecordType = "TestRecord";
    public const long MaxBytes = 256 * 1024;

    public ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, byte>> Reach { get; } = new();

    public string StorageFolder => Path.Combine(Database.DataDirectory, "files");

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Files:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A new record that the given accounts reach.</summary>
    public Guid NewRecord(params Guid[] users)
    {
        var id = Guid.NewGuid();
        Reach[id] = new ConcurrentDictionary<Guid, byte>(users.Select(u => new KeyValuePair<Guid, byte>(u, 0)));
        return id;
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddRecordType(
            RecordType,
            (_, id, _) => Task.FromResult(Reach.ContainsKey(id)),
            (provider, id, _) =>
            {
                var user = provider.GetRequiredService<IHttpContextAccessor>().HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
                return Task.FromResult(Guid.TryParse(user, out var userId) && Reach.TryGetValue(id, out var users) && users.ContainsKey(userId));
            });
}
