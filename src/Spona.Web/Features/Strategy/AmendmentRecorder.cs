using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Strategy;

/// <summary>Records an amendment to a measure of the strategy in force (1.2.4). Used by the page and the API.</summary>
public sealed class AmendmentRecorder(AppDbContext db, TimeProvider clock)
{
    /// <returns>The new amendment's id, or null when the measure does not exist.</returns>
    public async Task<Guid?> RecordAsync(string measureNumber, AmendmentInput input, Guid userId, CancellationToken cancellationToken)
    {
        var strategyId = await db.Strategies.InForce().Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        var measureId = await db.StrategyMeasures.Where(m => m.StrategyId == strategyId && m.Number == measureNumber)
            .Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (measureId is null)
        {
            return null;
        }

        var amendment = MeasureAmendment.Record(
            measureId.Value, input.ProposedBy, input.ProposedOn!.Value, input.AdoptedOn, input.DecisionReference, input.Change, userId, clock);
        db.MeasureAmendments.Add(amendment);
        await db.SaveChangesAsync(cancellationToken);
        return amendment.Id;
    }

    /// <returns>The measure's number, or null when there is no such amendment.</returns>
    public async Task<string?> AdoptAsync(Guid amendmentId, AdoptionInput input, CancellationToken cancellationToken)
    {
        var amendment = await db.MeasureAmendments.FirstOrDefaultAsync(a => a.Id == amendmentId, cancellationToken);
        if (amendment is null)
        {
            return null;
        }

        amendment.Adopt(input.AdoptedOn!.Value, input.DecisionReference, clock);
        await db.SaveChangesAsync(cancellationToken);
        return await db.StrategyMeasures.Where(m => m.Id == amendment.MeasureId).Select(m => m.Number).FirstAsync(cancellationToken);
    }
}
