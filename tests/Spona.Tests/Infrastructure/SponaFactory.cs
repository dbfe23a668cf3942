using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Spona.Tests.Infrastructure;

/// <summary>
/// The real application on a test database, in the Production-like "Testing" environment (secure cookies, no
/// developer pages). Clients talk https so that __Host- cookies flow as in a browser.
/// </summary>
public sealed class SponaFactory(TestDatabase database, Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public CapturingLoggerProvider Logs { get; } = new();

    public TestDatabase Database => database;

    /// <summary>Seals every audit entry written so far into the chain (what the background sealer does a moment later).</summary>
    public Task<int> SealAuditAsync() => Services.GetRequiredService<Spona.Web.Platform.Audit.AuditSealer>().SealPendingAsync(CancellationToken.None);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", database.Provider);
        builder.UseSetting("Database:ConnectionString", database.ConnectionString);
        builder.UseSetting("DataDirectory", database.DataDirectory);
        builder.UseSetting("Localization:DefaultCulture", "en");
        // Test classes sign in dozens of accounts from one address; RateLimitTests sets real limits.
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:ApiPerMinute", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureServices(services => configureServices?.Invoke(services));
    }

    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });
}
