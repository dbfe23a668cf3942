using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Spona.Web.Platform.Persistence;

/// <summary>
/// Raises <see cref="IVersioned.Version"/> of every changed versioned entity (its own columns or an owned part such as
/// a <c>LocalizedText</c>) just before SaveChanges writes it; a new entity starts at 1. The UPDATE then carries
/// <c>WHERE "Version" = (the version read)</c>, so of two concurrent edits the second fails with a concurrency
/// error instead of overwriting the first. Registered before the audit interceptor, so the audit entry records the new
/// version.
/// </summary>
internal sealed class VersionInterceptor : SaveChangesInterceptor
{
    public static readonly VersionInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Raise(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Raise(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Raise(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        foreach (var entry in context.ChangeTracker.Entries<IVersioned>().ToList())
        {
            var version = entry.Property<int>(nameof(IVersioned.Version));
            if (entry.State == EntityState.Added)
            {
                version.CurrentValue = Math.Max(version.CurrentValue, 1);
            }
            else if (entry.State == EntityState.Modified || (entry.State == EntityState.Unchanged && OwnedPartChanged(entry)))
            {
                // From the version that was read, whatever the code did with the property: the token in the WHERE
                // clause stays the version that was read.
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }

    private static bool OwnedPartChanged(EntityEntry entry) =>
        entry.References.Any(r => r.Metadata.TargetEntityType.IsOwned()
            && r.TargetEntry is { State: EntityState.Added or EntityState.Modified or EntityState.Deleted });
}
