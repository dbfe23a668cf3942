using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;

namespace Spona.Web.Platform.Persistence;

/// <summary>
/// At start: migrate the database, seed roles, run the modules' seeders (<see cref="IDataSeeder"/>), and, while there is no
/// user, print a one-time link for creating the first administrator.
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await PrepareAsync(scope.ServiceProvider, sweepClearValuesAlways: false, cancellationToken);
        var setup = scope.ServiceProvider.GetRequiredService<FirstAdministratorSetup>();
        if (!await setup.HasUsersAsync(cancellationToken))
        {
            var token = await setup.IssueTokenAsync(cancellationToken);
            lifetime.ApplicationStarted.Register(() => PrintSetupLink(token));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Everything a database needs before use; what <c>spona migrate</c> does (the clear-value sweep included).</summary>
    public static Task PrepareAsync(IServiceProvider provider, CancellationToken cancellationToken) =>
        PrepareAsync(provider, sweepClearValuesAlways: true, cancellationToken);

    private static async Task PrepareAsync(IServiceProvider provider, bool sweepClearValuesAlways, CancellationToken cancellationToken)
    {
        await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        // Personal data written by a version before its column was classified is encrypted now (S8). The web start
        // skips the scan when it already completed for this schema and these columns; the operator's command never does.
        var rotation = provider.GetRequiredService<Protection.KeyRotation>();
        if (sweepClearValuesAlways)
        {
            await rotation.EncryptClearValuesAsync(cancellationToken);
        }
        else
        {
            await rotation.EncryptClearValuesIfSchemaChangedAsync(cancellationToken);
        }

        // Rows older than a blind-index column get their index, so a search finds them (ADR 0019).
        await Protection.BlindIndexBackfill.FillMissingAsync(provider.GetRequiredService<AppDbContext>(), cancellationToken);

        var roles = provider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        var existing = await roles.Roles.Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var role in Roles.All.Except(existing.OfType<string>(), StringComparer.Ordinal))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() });
        }

        // Each module's seeders (reference data, then the strategy catalogue), in their order.
        await DataSeeders.RunAllAsync(provider, cancellationToken);
        // What preparing wrote is linked into the chain before anything else starts (ADR 0017).
        await provider.GetRequiredService<Audit.AuditSealer>().SealPendingAsync(cancellationToken);
    }

    private void PrintSetupLink(string token)
    {
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        address = address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
        // The link goes to the console only, never to the logs: it is a credential.
        Console.WriteLine();
        Console.WriteLine("Spona has no users yet. Create the first administrator within 24 hours at:");
        Console.WriteLine($"  {address.TrimEnd('/')}/setup?token={token}");
        Console.WriteLine("(or run: spona admin create --email E --password-file F)");
        Console.WriteLine();
        logger.LogInformation("No users exist; a first-administrator setup link was printed to the console");
    }
}
