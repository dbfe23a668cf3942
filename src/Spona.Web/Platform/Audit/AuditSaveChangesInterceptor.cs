using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// Writes the audit entries of a SaveChanges in that same SaveChanges: one entry per added, changed or deleted
/// <see cref="IAudited"/> entity, plus the events waiting in the scope's <see cref="PendingAuditEvents"/>. They are
/// inserted as <see cref="UnsealedAuditEntry"/> rows, so they commit or roll back with the change, without any lock
/// shared between requests; <see cref="AuditSealer"/> links them into the hash chain shortly after (ADR 0017).
/// </summary>
public sealed class AuditSaveChangesInterceptor(PendingAuditEvents queue, AuditActorAccessor actors, TimeProvider clock, AuditSealSignal signal) : SaveChangesInterceptor
{
    /// <summary>The key of the PostgreSQL advisory lock that serialises sealing into the chain ("spona-au").</summary>
    public const long ChainLockKey = 0x73706F6E612D6175;

    private static readonly ConditionalWeakTable<DbContext, InFlight> Pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        // Synchronous SaveChanges is rare here (the data-protection key store); it takes the same path.
        return SavingChangesAsync(eventData, result, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not { } context)
        {
            return result;
        }

        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        if (context.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted)
            || context.ChangeTracker.Entries<AuditCheckpoint>().Any(e => e.State is EntityState.Modified or EntityState.Deleted)
            || context.ChangeTracker.Entries<UnsealedAuditEntry>().Any(e => e.State is EntityState.Modified))
        {
            throw new InvalidOperationException("The audit trail is append-only: audit entries cannot be changed or deleted.");
        }

        var actor = actors.Current();
        var now = AuditHash.Normalize(clock.GetUtcNow().UtcDateTime);
        // Entity changes belong to the operation current now; queued events to the one current when they were queued.
        var current = queue.CurrentOperation;
        var drafts = CollectEntityChanges(context, actor, now);
        var defaultType = actors.DefaultOperationType();
        foreach (var draft in drafts)
        {
            (draft.OperationId, draft.OperationType) = current is null ? (queue.DefaultOperationId, defaultType) : (current.Id, current.Type);
        }

        var events = queue.Drain();
        drafts.AddRange(events.Select(e => FromEvent(e, actor, now, e.Operation is { } op ? (op.Id, op.Type) : (queue.DefaultOperationId, defaultType))));
        if (drafts.Count == 0)
        {
            return result;
        }

        var rows = drafts.Select(UnsealedAuditEntry.From).ToList();
        // The reason of each explicit operation whose entries are written here for the first time joins them.
        var operations = events.Select(e => e.Operation).Append(drafts.Count > events.Count ? current : null)
            .OfType<AuditOperationScope>().Distinct().Where(o => o.Reason is not null && !o.ReasonWritten).ToList();
        foreach (var operation in operations)
        {
            operation.ReasonWritten = true;
            context.Add(new AuditOperation { Id = operation.Id, Type = operation.Type, StartedAt = now, ActorUserId = operation.ActorUserId ?? actor.UserId, Reason = operation.Reason });
        }

        Pending.AddOrUpdate(context, new InFlight(events, rows, operations));
        context.AddRange(rows);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        EndAsync(eventData.Context, commit: true, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await EndAsync(eventData.Context, commit: true, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        EndAsync(eventData.Context, commit: false, CancellationToken.None).GetAwaiter().GetResult();
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        return EndAsync(eventData.Context, commit: false, CancellationToken.None);
    }

    public override void SaveChangesCanceled(DbContextEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        EndAsync(eventData.Context, commit: false, CancellationToken.None).GetAwaiter().GetResult();
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        return EndAsync(eventData.Context, commit: false, CancellationToken.None);
    }

    /// <summary>
    /// Takes the chain lock (PostgreSQL) and reads the last sequence number and hash. Only the sealer and the synthetic
    /// benchmark data append to the chain, and only through this. Call inside a transaction; on
    /// SQLite the transaction must be IMMEDIATE (Microsoft.Data.Sqlite's default), which already excludes other writers.
    /// </summary>
    internal static async Task<(long Sequence, string Hash)> LockAndReadHeadAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context.Database.IsNpgsql())
        {
            await context.Database.ExecuteSqlRawAsync(
                string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({ChainLockKey})"), cancellationToken);
        }

        var head = await context.Set<AuditEntry>().AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.EntryHash })
            .FirstOrDefaultAsync(cancellationToken);
        return head is null ? (0, AuditHash.Genesis) : (head.Sequence, head.EntryHash);
    }

    /// <summary>
    /// Ends a SaveChanges: on success wakes the sealer; on failure forgets the rows and puts the queued events back
    /// for the next attempt.
    /// </summary>
    private Task EndAsync(DbContext? context, bool commit, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        if (context is null || !Pending.TryGetValue(context, out var inFlight))
        {
            return Task.CompletedTask;
        }

        Pending.Remove(context);
        if (commit)
        {
            signal.Notify();
        }
        else
        {
            foreach (var row in inFlight.Rows)
            {
                context.Entry(row).State = EntityState.Detached;
            }

            foreach (var operation in inFlight.Operations)
            {
                operation.ReasonWritten = false;
                foreach (var entry in context.ChangeTracker.Entries<AuditOperation>().Where(e => e.Entity.Id == operation.Id).ToList())
                {
                    entry.State = EntityState.Detached;
                }
            }

            queue.Restore(inFlight.Events);
        }

        return Task.CompletedTask;
    }

    private sealed class InFlight(List<AuditEvent> events, List<UnsealedAuditEntry> rows, List<AuditOperationScope> operations)
    {
        public List<AuditEvent> Events { get; } = events;

        public List<UnsealedAuditEntry> Rows { get; } = rows;

        public List<AuditOperationScope> Operations { get; } = operations;
    }

    internal static AuditEntry FromEvent(AuditEvent e, AuditActor actor, DateTime now, (Guid Id, string Type) operation) => new()
    {
        OperationId = operation.Id,
        OperationType = operation.Type,
        OccurredAt = now,
        ActorUserId = e.ActorUserId ?? actor.UserId,
        ActorLabel = AuditActorAccessor.Truncate(e.ActorLabel ?? actor.Label, 256),
        InstitutionId = e.InstitutionId ?? actor.InstitutionId,
        Action = e.Action,
        EntityType = e.EntityType,
        EntityKey = AuditActorAccessor.Truncate(e.EntityKey, 256),
        Changes = e.Changes,
        Reason = e.Reason is null ? null : AuditActorAccessor.Truncate(e.Reason, 1000),
        CorrelationId = actor.CorrelationId,
        Outcome = e.Outcome,
        PreviousHash = AuditHash.Genesis,
        EntryHash = "",
    };

    private static List<AuditEntry> CollectEntityChanges(DbContext context, AuditActor actor, DateTime now)
    {
        var drafts = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is not IAudited)
            {
                continue;
            }

            var owned = entry.References
                .Where(r => r.Metadata.TargetEntityType.IsOwned() && r.TargetEntry is not null)
                .Select(r => (Prefix: r.Metadata.Name + ".", Entry: r.TargetEntry!, Owner: (Microsoft.EntityFrameworkCore.Metadata.INavigationBase?)r.Metadata))
                .ToList();
            var ownedChanged = owned.Any(o => o.Entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
            var action = entry.State switch
            {
                EntityState.Added => AuditActions.EntityCreated,
                EntityState.Deleted => AuditActions.EntityDeleted,
                EntityState.Modified => AuditActions.EntityUpdated,
                EntityState.Unchanged when ownedChanged => AuditActions.EntityUpdated,
                _ => null,
            };
            if (action is null)
            {
                continue;
            }

            var changes = DescribeChanges(entry, owned, out var count);
            if (action == AuditActions.EntityUpdated && count == 0)
            {
                continue;
            }

            drafts.Add(new AuditEntry
            {
                OccurredAt = now,
                ActorUserId = actor.UserId,
                ActorLabel = actor.Label,
                InstitutionId = actor.InstitutionId,
                Action = action,
                EntityType = entry.Metadata.ClrType.Name,
                EntityKey = AuditActorAccessor.Truncate(KeyOf(entry), 256),
                Changes = changes,
                CorrelationId = actor.CorrelationId,
                Outcome = AuditOutcome.Success,
                PreviousHash = AuditHash.Genesis,
                EntryHash = "",
            });
        }

        return drafts;
    }

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return "";
        }

        return string.Join(",", key.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));
    }

    private static string DescribeChanges(EntityEntry entry, List<(string Prefix, EntityEntry Entry, Microsoft.EntityFrameworkCore.Metadata.INavigationBase? Owner)> owned, out int count)
    {
        using var stream = new MemoryStream();
        count = 0;
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            count += WriteProperties(writer, "", entry, entry.State, null);
            foreach (var (prefix, target, owner) in owned)
            {
                var state = entry.State is EntityState.Added or EntityState.Deleted ? entry.State : target.State;
                count += WriteProperties(writer, prefix, target, state, owner);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static int WriteProperties(Utf8JsonWriter writer, string prefix, EntityEntry entry, EntityState state, Microsoft.EntityFrameworkCore.Metadata.INavigationBase? owner)
    {
        var count = 0;
        foreach (var property in entry.Properties)
        {
            var metadata = property.Metadata;
            if (metadata.IsPrimaryKey() || (metadata.IsShadowProperty() && metadata.IsForeignKey()))
            {
                continue;
            }

            var (hasOld, hasNew) = state switch
            {
                EntityState.Added => (false, true),
                EntityState.Deleted => (true, false),
                EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue) => (true, true),
                _ => (false, false),
            };
            if (!hasOld && !hasNew)
            {
                continue;
            }

            count++;
            writer.WriteStartObject();
            writer.WriteString("field", prefix + metadata.Name);
            // Values only of properties declared safe to record (ADR 0019); the rest by name only.
            var mode = AuditValuePolicy.ModeOf(metadata, owner);
            if (mode == AuditValueMode.Personal)
            {
                writer.WriteBoolean("personal", true);
            }
            else if (mode == AuditValueMode.NameOnly)
            {
                writer.WriteBoolean("recorded", false);
            }
            else
            {
                if (hasOld)
                {
                    WriteValue(writer, "old", property.OriginalValue);
                }

                if (hasNew)
                {
                    WriteValue(writer, "new", property.CurrentValue);
                }
            }

            writer.WriteEndObject();
        }

        return count;
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull(name);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case string s:
                writer.WriteString(name, s);
                break;
            default:
                writer.WriteString(name, Format(value));
                break;
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
