using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Jobs;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Audit;

/// <summary>Configuration section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Minutes between automatic verify-and-checkpoint runs (default 60; 0 turns them off).</summary>
    public int CheckpointIntervalMinutes { get; set; } = 60;

    /// <summary>
    /// At the latest this many milliseconds after an entry is written, the web application seals it into the chain
    /// (default 1000; a write wakes the sealer at once, this is its idle interval).
    /// </summary>
    public int SealIntervalMilliseconds { get; set; } = 1000;

    /// <summary>
    /// The bound on the unsealed lag, in seconds (default 60): <c>spona audit verify</c> and the periodic checkpoint
    /// report the trail as lagging when an unsealed entry is older.
    /// </summary>
    public int MaxUnsealedSeconds { get; set; } = 60;

    /// <summary>
    /// Benchmark-only (default true): false stops <see cref="IAuditTrail.RecordRead"/> from recording reads, to measure
    /// what read auditing costs (bench/). Turning it off in production breaks S6; a warning is logged at start.
    /// </summary>
    public bool RecordReads { get; set; } = true;

    /// <summary>
    /// How many connections <c>spona audit verify</c> reads and hashes the chain with, each a range of it (default: the
    /// number of processors, at most 8). Entries are checked independently; only the Merkle tree is built in order.
    /// </summary>
    public int VerifyWorkers { get; set; } = Math.Min(Environment.ProcessorCount, 8);

    /// <summary>Below this many entries (default 20,000) the chain is verified on one connection.</summary>
    public int VerifyParallelFromEntries { get; set; } = 20_000;

    /// <summary>Entries verified in parallel before their leaves join the tree (default 2^20: 32 MiB of leaf hashes).</summary>
    public int VerifyWindowEntries { get; set; } = 1 << 20;

    /// <summary>
    /// Entries one worker reads and hashes at a time (default 2^16), taken down to a power of two: each full chunk is
    /// a complete subtree of the Merkle tree, hashed by its worker; a window holds at least one chunk.
    /// </summary>
    public int VerifyChunkEntries { get; set; } = 1 << 16;
}

/// <summary>
/// Every <see cref="AuditOptions.CheckpointIntervalMinutes"/>, when the trail has grown, verifies the whole trail
/// against the stored checkpoints and stores a new one (S7). A durable job (<c>audit.checkpoint</c>, ADR 0021): one
/// instance of the cluster runs each firing. A broken trail is logged as critical, with the first bad entry's number
/// and kind only, and gets no checkpoint. Operators still export checkpoints off the system.
/// </summary>
internal sealed partial class PeriodicAuditCheckpoint(IServiceScopeFactory scopes, ILogger<PeriodicAuditCheckpoint> logger) : ISponaJob
{
    public const string JobName = "audit.checkpoint";

    public Task RunAsync(JobRun run, CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    /// <summary>One run; null when nothing was added since the last checkpoint.</summary>
    internal async Task<AuditVerification?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // A checkpoint covers sealed entries only; seal what is waiting first so that it covers as much as it can.
        var sealer = scope.ServiceProvider.GetRequiredService<AuditSealer>();
        await sealer.SealPendingAsync(cancellationToken);
        var backlog = await sealer.BacklogAsync(db, cancellationToken);
        if (backlog.Exceeded)
        {
            LogLagging(logger, backlog.Count, backlog.OldestAge!.Value.TotalSeconds);
        }

        var checkpointed = await db.Set<AuditCheckpoint>().MaxAsync(c => (long?)c.TreeSize, cancellationToken) ?? 0;
        var newest = await db.Set<AuditEntry>().MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        if (newest == 0 || newest == checkpointed)
        {
            return null;
        }

        var (checkpoint, verification) = await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().CreateAsync(cancellationToken);
        if (checkpoint is null)
        {
            LogTampered(logger, verification.Failure!.Kind.ToString(), verification.Failure.Sequence);
        }
        else
        {
            LogCheckpoint(logger, checkpoint.TreeSize, verification.Elapsed.TotalSeconds);
        }

        return verification;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The audit trail failed verification: {Kind} at entry {Sequence}. No checkpoint was stored; run 'spona audit verify' and investigate.")]
    private static partial void LogTampered(ILogger logger, string kind, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} audit entries are not sealed into the chain; the oldest is {Seconds:F0} s old, more than Audit:MaxUnsealedSeconds")]
    private static partial void LogLagging(ILogger logger, long count, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoint stored for {TreeSize} entries (verified in {Seconds:F1} s)")]
    private static partial void LogCheckpoint(ILogger logger, long treeSize, double seconds);

}

public static class PeriodicAuditCheckpointSetup
{
    /// <summary>
    /// The web application seals entries into the chain in every instance (a background service: sub-second, and
    /// already serialised by the chain lock) and verifies and checkpoints it as a durable recurring job, once per
    /// interval across the cluster (not the command line).
    /// </summary>
    public static IServiceCollection AddPeriodicAuditCheckpoints(this IServiceCollection services)
    {
        services.AddHostedService<AuditSealingService>();
        services.AddRecurringJob<PeriodicAuditCheckpoint>(
            PeriodicAuditCheckpoint.JobName,
            provider => provider.GetRequiredService<IOptions<AuditOptions>>().Value.CheckpointIntervalMinutes is var minutes and > 0
                ? JobSchedule.Every(TimeSpan.FromMinutes(minutes))
                : null);
        return services;
    }
}
