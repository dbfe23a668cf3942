using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Audit;

/// <summary>Configuration section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Minutes between automatic verify-and-checkpoint runs (default 60; 0 turns them off).</summary>
    public int CheckpointIntervalMinutes { get; set; } = 60;
}

/// <summary>
/// Every <see cref="AuditOptions.CheckpointIntervalMinutes"/>, when the trail has grown, verifies the whole trail
/// against the stored checkpoints and stores a new one (S7). A broken trail is logged as critical, with the first bad
/// entry's number and kind only, and gets no checkpoint. Operators still export checkpoints off the system.
/// </summary>
internal sealed partial class PeriodicAuditCheckpoint(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AuditOptions> options, ILogger<PeriodicAuditCheckpoint> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.CheckpointIntervalMinutes;
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The type only: messages of database errors can quote data.
                LogRunFailed(logger, ex.GetType().Name);
            }
        }
    }

    /// <summary>One run; null when nothing was added since the last checkpoint.</summary>
    internal async Task<AuditVerification?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoint stored for {TreeSize} entries (verified in {Seconds:F1} s)")]
    private static partial void LogCheckpoint(ILogger logger, long treeSize, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The periodic audit checkpoint failed ({ExceptionType}); it runs again at the next interval")]
    private static partial void LogRunFailed(ILogger logger, string exceptionType);
}

public static class PeriodicAuditCheckpointSetup
{
    /// <summary>The web application verifies and checkpoints the trail on a timer (not the command line).</summary>
    public static IServiceCollection AddPeriodicAuditCheckpoints(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section)
            .Validate(o => o.CheckpointIntervalMinutes is >= 0 and <= 1440, "Audit:CheckpointIntervalMinutes must be 0-1440 (0 turns automatic checkpoints off).")
            .ValidateOnStart();
        services.AddSingleton<PeriodicAuditCheckpoint>();
        services.AddHostedService(provider => provider.GetRequiredService<PeriodicAuditCheckpoint>());
        return services;
    }
}
