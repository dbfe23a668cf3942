using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Audit;

/// <summary>Filters of the audit list. <see cref="Actor"/> is a user id or an exact user name; dates are UTC days, both inclusive.</summary>
public sealed record AuditFilter(
    string? Actor = null, string? Action = null, string? EntityType = null, string? EntityKey = null,
    DateOnly? From = null, DateOnly? To = null, AuditOutcome? Outcome = null, string? OperationType = null, Guid? OperationId = null)
{
    public const int MaxTextLength = 256;
}

/// <summary>One changed field; <see cref="ValueRecorded"/> is false when the trail kept its name only (personal or not declared safe).</summary>
public sealed record FieldChangeView(string Field, bool Personal, string? Old, string? New, bool ValueRecorded = true);

/// <summary>
/// The operation an entry belongs to (ADR 0022): its type (a declared code or the route of a request) and the reason
/// given for it, which is kept encrypted beside the chain and shown to readers of the trail (Audit.Read).
/// </summary>
public sealed record AuditOperationView(Guid Id, string Type, string? Reason);

public sealed record AuditEntryView(
    long Sequence, DateTime OccurredAt, Guid? ActorUserId, string ActorLabel, Guid? InstitutionId, string Action,
    string EntityType, string EntityKey, AuditOutcome Outcome, string? Reason, string? CorrelationId, IReadOnlyList<FieldChangeView> Changes,
    AuditOperationView? Operation = null);

public sealed record CheckpointView(long TreeSize, string RootHash, DateTime CreatedAt);

public sealed class AuditQueries(AppDbContext db, RecordReads reads, AuditSealer sealer)
{
    public async Task<PagedResult<AuditEntryView>> ListAsync(AuditFilter filter, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (number, size) = PagedResult<AuditEntryView>.Normalize(page, pageSize);
        // The auditor sees the trail up to the moment of asking: what waits to be sealed is sealed first (ADR 0017).
        await sealer.SealPendingAsync(cancellationToken);
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            query = Guid.TryParse(actor, out var id) ? query.Where(e => e.ActorUserId == id) : query.Where(e => e.ActorLabel == actor);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(e => e.EntityType == filter.EntityType.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityKey))
        {
            query = query.Where(e => e.EntityKey == filter.EntityKey.Trim());
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.OccurredAt >= start);
        }

        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.OccurredAt < end);
        }

        if (filter.Outcome is { } outcome)
        {
            query = query.Where(e => e.Outcome == outcome);
        }

        if (!string.IsNullOrWhiteSpace(filter.OperationType))
        {
            query = query.Where(e => e.OperationType == filter.OperationType.Trim());
        }

        if (filter.OperationId is { } operationId)
        {
            query = query.Where(e => e.OperationId == operationId);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.Sequence).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        // The entries name their actors: a read of those accounts (S6).
        reads.Shown("Account", rows.Where(e => e.ActorUserId is not null).Select(e => e.ActorUserId!.Value));
        // The reasons of the operations on this page, in one query (decrypted by the field protection).
        var operationIds = rows.Where(e => e.OperationId is not null).Select(e => e.OperationId!.Value).Distinct().ToList();
        var reasons = operationIds.Count == 0
            ? []
            : await db.Set<AuditOperation>().AsNoTracking().Where(o => operationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Reason, cancellationToken);
        return new PagedResult<AuditEntryView>([.. rows.Select(e => ToView(e) with
        {
            Operation = e.OperationId is { } id ? new AuditOperationView(id, e.OperationType ?? "", reasons.GetValueOrDefault(id)) : null,
        })], number, size, total);
    }

    public async Task<IReadOnlyList<CheckpointView>> CheckpointsAsync(CancellationToken cancellationToken) =>
        await db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.TreeSize).ThenByDescending(c => c.Id)
            .Select(c => new CheckpointView(c.TreeSize, c.RootHash, c.CreatedAt)).ToListAsync(cancellationToken);

    private static AuditEntryView ToView(AuditEntry e) => new(
        e.Sequence, e.OccurredAt, e.ActorUserId, e.ActorLabel, e.InstitutionId, e.Action, e.EntityType, e.EntityKey, e.Outcome,
        e.Reason, e.CorrelationId, ParseChanges(e.Changes));

    /// <summary>Reads the stored change list; a value the trail never stored (personal fields) stays null.</summary>
    public static IReadOnlyList<FieldChangeView> ParseChanges(string? changes)
    {
        if (string.IsNullOrWhiteSpace(changes))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(changes);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return [.. document.RootElement.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("field", out _))
                .Select(c => new FieldChangeView(
                    c.GetProperty("field").GetString() ?? "",
                    c.TryGetProperty("personal", out var p) && p.ValueKind == JsonValueKind.True,
                    Text(c, "old"),
                    Text(c, "new"),
                    !(c.TryGetProperty("recorded", out var r) && r.ValueKind == JsonValueKind.False)
                        && !(c.TryGetProperty("personal", out var q) && q.ValueKind == JsonValueKind.True)))];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Text(JsonElement change, string name) => change.TryGetProperty(name, out var value)
        ? value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        }
        : null;
}
