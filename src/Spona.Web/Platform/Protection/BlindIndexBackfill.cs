using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Spona.Web.Platform.Protection;

/// <summary>
/// Fills blind indexes that are missing because their column is newer than the row (ADR 0019: a migration adds an
/// index to a field that already holds values). Each such row's source is marked changed and saved, and the blind-index
/// interceptor computes every index of it; rows go in batches, each its own SaveChanges. Runs at start-up; a row whose
/// indexes are all present is never touched, so later starts read one page per index column and write nothing.
/// </summary>
public static class BlindIndexBackfill
{
    private const int BatchSize = 200;

    private static readonly MethodInfo FillMethod = typeof(BlindIndexBackfill).GetMethod(nameof(FillAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Returns how many rows were given their missing indexes.</summary>
    public static async Task<int> FillMissingAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var filled = 0;
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.ClrType != typeof(Dictionary<string, object>)))
        {
            foreach (var index in entity.GetProperties().Where(p => p.FindAnnotation(FieldProtectionModel.BlindIndexSourceAnnotation) is not null))
            {
                var source = (string)index.FindAnnotation(FieldProtectionModel.BlindIndexSourceAnnotation)!.Value!;
                filled += await (Task<int>)FillMethod.MakeGenericMethod(entity.ClrType).Invoke(null, [db, index.Name, source, cancellationToken])!;
            }
        }

        return filled;
    }

    private static async Task<int> FillAsync<T>(DbContext db, string index, string source, CancellationToken cancellationToken)
        where T : class
    {
        var filled = 0;
        while (true)
        {
            List<T> rows;
            try
            {
                rows = await db.Set<T>().Where(e => EF.Property<string>(e, index) == null && EF.Property<object>(e, source) != null)
                    .Take(BatchSize).ToListAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is PersonalDataDecryptionException || ex.InnerException is PersonalDataDecryptionException)
            {
                // A value under a key that is not in the ring: `spona keys status` reports it; the rest of the start goes on.
                db.ChangeTracker.Clear();
                return filled;
            }

            if (rows.Count == 0)
            {
                return filled;
            }

            foreach (var row in rows)
            {
                db.Entry(row).Property(source).IsModified = true;
            }

            await db.SaveChangesAsync(cancellationToken);
            var computed = db.Entry(rows[0]).Property(index).CurrentValue is not null;
            db.ChangeTracker.Clear();
            if (!computed)
            {
                // A context without field protection computes no index: stop rather than loop.
                return filled;
            }

            filled += rows.Count;
        }
    }
}
