using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Strategy;

/// <summary>The measures and items of the strategy in force, for modules that link their records to measures (action plans).</summary>
public sealed class StrategyMeasureDirectory(AppDbContext db) : IModuleContract
{
    /// <summary>Every measure of the strategy in force, in the strategy's order, titled in the reader's language.</summary>
    public async Task<IReadOnlyList<MeasureReference>> ListAsync(CancellationToken cancellationToken)
    {
        var strategyId = await db.Strategies.AsNoTracking().InForce().Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (strategyId is null)
        {
            return [];
        }

        var goals = await db.StrategyGoals.AsNoTracking().Where(g => g.StrategyId == strategyId)
            .ToDictionaryAsync(g => g.Id, cancellationToken);
        var measures = await db.StrategyMeasures.AsNoTracking().Where(m => m.StrategyId == strategyId)
            .OrderBy(m => m.SortOrder).ToListAsync(cancellationToken);
        return [.. measures.Select(m => new MeasureReference(m.Id, m.Number, goals[m.GoalId].Number, m.Title.ForCurrentCulture(), goals[m.GoalId].Title.ForCurrentCulture()))];
    }

    /// <summary>The items of one measure of the strategy in force (none for a measure not in force).</summary>
    public async Task<IReadOnlyList<MeasureItemReference>> ItemsAsync(Guid measureId, CancellationToken cancellationToken)
    {
        var items = await db.MeasureItems.AsNoTracking().Where(i => i.MeasureId == measureId).OrderBy(i => i.SortOrder)
            .Select(i => new { i.Id, i.Number, i.Level, i.Text }).ToListAsync(cancellationToken);
        return [.. items.Select(i => new MeasureItemReference(i.Id, measureId, i.Number, i.Level, i.Text))];
    }
}

/// <summary>A measure of the strategy in force: its id, number (e.g. "4.2"), goal number and titles.</summary>
public sealed record MeasureReference(Guid Id, string Number, string GoalNumber, string Title, string GoalTitle) : IModuleContract;

/// <summary>An item of a measure.</summary>
public sealed record MeasureItemReference(Guid Id, Guid MeasureId, string? Number, int Level, string Text) : IModuleContract;
