using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Persistence;
using Xunit.Abstractions;

namespace Spona.Tests.Platform.Audit;

/// <summary>
/// The cost of audit capture per write: 1,000 single-row updates of an audited entity (Jurisdiction) against 1,000 of
/// a non-audited one (SeedRecord), each its own SaveChanges. Runs only with SPONA_BENCH=1 (bench/audit-verify.sh).
/// </summary>
public sealed class AuditWriteOverheadBenchmark(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writes = 1000;
    private readonly AppFixture app = new();

    public Task InitializeAsync() => Enabled ? app.InitializeAsync() : Task.CompletedTask;

    public Task DisposeAsync() => Enabled ? app.DisposeAsync() : Task.CompletedTask;

    private static bool Enabled => Environment.GetEnvironmentVariable("SPONA_BENCH") == "1";

    [Fact]
    public async Task AuditWriteOverhead()
    {
        if (!Enabled)
        {
            return;
        }

        // Warm-up, then alternate single writes so that both kinds see the same disk and the same neighbours.
        await UpdateAsync(audited: true, 50);
        await UpdateAsync(audited: false, 50);
        var plain = TimeSpan.Zero;
        var audited = TimeSpan.Zero;
        for (var i = 0; i < Writes; i++)
        {
            plain += await UpdateAsync(audited: false, 1);
            audited += await UpdateAsync(audited: true, 1);
        }

        var perPlain = plain.TotalMilliseconds / Writes;
        var perAudited = audited.TotalMilliseconds / Writes;
        output.WriteLine(FormattableString.Invariant(
            $"[{app.Database.Provider}] per write: not audited {perPlain:0.000} ms, audited {perAudited:0.000} ms, overhead {perAudited - perPlain:0.000} ms ({(perAudited / perPlain) - 1:P0})"));
    }

    private async Task<TimeSpan> UpdateAsync(bool audited, int count)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var suffix = Guid.NewGuid().ToString("N")[..8];
            if (audited)
            {
                var jurisdiction = await db.Jurisdictions.OrderBy(j => j.Code).FirstAsync();
                jurisdiction.NameEn = "Bench " + suffix;
            }
            else
            {
                var seed = await db.SeedRecords.OrderBy(s => s.Key).FirstAsync();
                seed.ContentHash = suffix;
            }

            await db.SaveChangesAsync();
        }

        return stopwatch.Elapsed;
    }
}
