using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Audit;

/// <summary>Thresholds for unusual access volume (S15), configuration section <c>Alerts</c>.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>More distinct records read than this within one window raises an alert (default 50).</summary>
    public int ReadsPerWindow { get; set; } = 50;

    /// <summary>The sliding window, in minutes (default 60).</summary>
    public int WindowMinutes { get; set; } = 60;

    /// <summary>How far back alerts are looked for, in days (default 7).</summary>
    public int LookBackDays { get; set; } = 7;
}

/// <summary>One user who read more distinct records in a window than allowed.</summary>
public sealed record InsiderAlert(Guid? UserId, string Actor, DateTime WindowStart, DateTime WindowEnd, int DistinctRecords, int Threshold);

/// <summary>
/// Insider-misuse alerts computed from the audit trail itself: for each user, the largest number of distinct records
/// read (<c>record.read</c>, any record type) within any sliding window of the configured length in the look-back
/// period; above the threshold it is an alert. Because it reads the tamper-evident trail, an alert cannot be hidden
/// without the verification noticing.
/// </summary>
public sealed class InsiderAlerts(AppDbContext db, TimeProvider clock, IOptions<AlertOptions> options, RecordReads shownRecords, AuditSealer sealer)
{
    public async Task<IReadOnlyList<InsiderAlert>> CurrentAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Reads that wait to be sealed count too: they are sealed first (ADR 0017).
        await sealer.SealPendingAsync(cancellationToken);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-settings.LookBackDays);
        var reads = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Action == AuditActions.RecordRead && e.OccurredAt >= since && e.Outcome == AuditOutcome.Success)
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.ActorUserId, e.ActorLabel, e.OccurredAt, e.EntityType, e.EntityKey })
            .ToListAsync(cancellationToken);
        var window = TimeSpan.FromMinutes(settings.WindowMinutes);
        var alerts = new List<InsiderAlert>();
        foreach (var actor in reads.GroupBy(r => (r.ActorUserId, r.ActorLabel)))
        {
            var list = actor.ToList();
            InsiderAlert? worst = null;
            var start = 0;
            var inWindow = new Dictionary<(string, string), int>();
            for (var end = 0; end < list.Count; end++)
            {
                var key = (list[end].EntityType, list[end].EntityKey);
                inWindow[key] = inWindow.GetValueOrDefault(key) + 1;
                while (list[end].OccurredAt - list[start].OccurredAt > window)
                {
                    var old = (list[start].EntityType, list[start].EntityKey);
                    if (--inWindow[old] == 0)
                    {
                        inWindow.Remove(old);
                    }

                    start++;
                }

                if (inWindow.Count > settings.ReadsPerWindow && (worst is null || inWindow.Count > worst.DistinctRecords))
                {
                    worst = new InsiderAlert(actor.Key.ActorUserId, actor.Key.ActorLabel, list[start].OccurredAt, list[end].OccurredAt, inWindow.Count, settings.ReadsPerWindow);
                }
            }

            if (worst is not null)
            {
                alerts.Add(worst);
            }
        }

        shownRecords.Shown("Account", alerts.Where(a => a.UserId is not null).Select(a => a.UserId!.Value));
        return [.. alerts.OrderByDescending(a => a.WindowEnd)];
    }
}
