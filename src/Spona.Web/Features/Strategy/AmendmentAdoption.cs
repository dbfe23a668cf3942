using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Strategy;

/// <summary>
/// Records the decision that adopted a proposed amendment (1.2.4). Used by the measure page and the API. Every check
/// comes before the one write, in one transaction that holds the amendment: the amendment exists, belongs to the
/// measure the caller shows, that measure is in the strategy in force, the catalogue is the version the caller read,
/// and the amendment is still only proposed. A refused adoption changes nothing: no row, no audit entry.
/// </summary>
public sealed class AmendmentAdoption(AppDbContext db, TimeProvider clock)
{
    /// <param name="measureNumber">The measure the caller shows the amendment under (the page), or null (the API).</param>
    /// <returns>
    /// Done with the measure's number; not found (no such amendment, or not under that measure); conflict (the
    /// catalogue changed since the caller read it). A broken rule throws <see cref="DomainRuleViolation"/>.
    /// </returns>
    public async Task<EditOutcome> AdoptAsync(Guid amendmentId, string? measureNumber, AdoptionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var amendment = await LockAsync(amendmentId, cancellationToken);
        if (amendment is null)
        {
            return EditOutcome.NotFound;
        }

        var measure = await db.StrategyMeasures.AsNoTracking().Where(m => m.Id == amendment.MeasureId)
            .Select(m => new { m.Number, m.StrategyId }).FirstOrDefaultAsync(cancellationToken);
        if (measure is null || (measureNumber is not null && measure.Number != measureNumber))
        {
            return EditOutcome.NotFound;
        }

        var inForce = await db.Strategies.AsNoTracking().InForce().Select(s => new { s.Id, s.Version }).FirstOrDefaultAsync(cancellationToken);
        if (inForce is null || inForce.Id != measure.StrategyId)
        {
            throw new DomainRuleViolation("amendment.measure-not-in-force", "This measure is not in the strategy in force; its amendments can no longer be adopted.");
        }

        if (input.CatalogueVersion is { } seen && seen != inForce.Version)
        {
            return EditOutcome.Conflict;
        }

        amendment.Adopt(input.AdoptedOn!.Value, input.DecisionReference, clock);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(measure.Number);
    }

    /// <summary>
    /// Reads the amendment so that a concurrent adoption of it waits until this one ends and then sees it adopted. On
    /// SQLite the transaction is IMMEDIATE (Microsoft.Data.Sqlite's default) and so already excludes other writers;
    /// PostgreSQL locks the row.
    /// </summary>
    private async Task<MeasureAmendment?> LockAsync(Guid amendmentId, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return await db.MeasureAmendments.FirstOrDefaultAsync(a => a.Id == amendmentId, cancellationToken);
        }

        var rows = await db.MeasureAmendments.FromSql($"SELECT * FROM \"MeasureAmendments\" WHERE \"Id\" = {amendmentId} FOR UPDATE").ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }
}
