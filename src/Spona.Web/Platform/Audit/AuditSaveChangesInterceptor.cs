using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// Writes the audit entries of a SaveChanges in that same SaveChanges: one entry per added, changed or deleted
/// <see cref="IAudited"/> entity, plus the events waiting in the scope's <see cref="PendingAuditEvents"/>. If no transaction
/// is active it opens one, so that the chain lock, the entries and the changes commit or roll back together. The
/// chain head is read under a lock: <c>pg_advisory_xact_lock</c> on PostgreSQL; on SQLite the transaction begins
/// IMMEDIATE and so holds the database's single write lock. Two application instances therefore never link two
/// entries to the same predecessor, and the unique sequence would refuse it if they tried.
/// </summary>
public sealed class AuditSaveChangesInterceptor(PendingAuditEvents queue, AuditActorAccessor actors, TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>The key of the PostgreSQL advisory lock that serialises appends to the chain ("spona-au").</summary>
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
            || context.ChangeTracker.Entries<AuditCheckpoint>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit trail is append-only: audit entries cannot be changed or deleted.");
        }

        var actor = actors.Current();
        var now = AuditHash.Normalize(clock.GetUtcNow().UtcDateTime);
        var drafts = CollectEntityChanges(context, actor, now);
        var events = queue.Drain();
        drafts.AddRange(events.Select(e => FromEvent(e, actor, now)));
        if (drafts.Count == 0)
        {
            return result;
        }

        var inFlight = new InFlight(events, drafts);
        Pending.AddOrUpdate(context, inFlight);
        try
        {
            if (context.Database.CurrentTransaction is null)
            {
                inFlight.Transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            }

            var (sequence, previous) = await LockAndReadHeadAsync(context, cancellationToken);
            foreach (var draft in drafts)
            {
                AuditHash.Seal(draft, ++sequence, previous);
                previous = draft.EntryHash;
                context.Add(draft);
            }
        }
        catch
        {
            await EndAsync(context, commit: false, CancellationToken.None);
            throw;
        }

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
    /// Takes the chain lock (PostgreSQL) and reads the last sequence number and hash. Call inside a transaction; on
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
    /// Ends a SaveChanges: commits the transaction opened here, or on failure rolls it back, forgets the entries
    /// (their sequence numbers are no longer valid) and puts the queued events back for the next attempt.
    /// </summary>
    private async Task EndAsync(DbContext? context, bool commit, CancellationToken cancellationToken)
    {
        if (context is null || !Pending.TryGetValue(context, out var inFlight))
        {
            return;
        }

        Pending.Remove(context);
        try
        {
            if (inFlight.Transaction is { } transaction)
            {
                if (commit)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
                else
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                }
            }
        }
        catch
        {
            commit = false;
            throw;
        }
        finally
        {
            if (inFlight.Transaction is not null)
            {
                await inFlight.Transaction.DisposeAsync();
            }

            if (!commit)
            {
                foreach (var draft in inFlight.Drafts)
                {
                    context.Entry(draft).State = EntityState.Detached;
                }

                queue.Restore(inFlight.Events);
            }
        }
    }

    private sealed class InFlight(List<AuditEvent> events, List<AuditEntry> drafts)
    {
        public List<AuditEvent> Events { get; } = events;

        public List<AuditEntry> Drafts { get; } = drafts;

        public IDbContextTransaction? Transaction { get; set; }
    }

    private static AuditEntry FromEvent(AuditEvent e, AuditActor actor, DateTime now) => new()
    {
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
