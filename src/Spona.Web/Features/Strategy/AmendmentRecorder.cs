using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Strategy;

/// <summary>
/// Records an amendment to a measure of the strategy in force (1.2.4). Used by the page and the API. The measure and
/// the entity's rules are checked before anything is added; adoption later is <see cref="AmendmentAdoption"/>.
/// </summary>
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
}
