using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Strategy;

/// <summary>The strategy's goals with their number of measures, for other modules' pages (the start page).</summary>
public sealed class StrategyGoalSummaries(AppDbContext db) : IModuleContract
{
    public async Task<IReadOnlyList<GoalSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var goals = await db.StrategyGoals.AsNoTracking().OrderBy(g => g.SortOrder).ToListAsync(cancellationToken);
        var counts = await db.StrategyMeasures.AsNoTracking().GroupBy(m => m.GoalId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return [.. goals.Select(g => new GoalSummary(g.Number, g.Title.ForCurrentCulture(), counts.GetValueOrDefault(g.Id)))];
    }
}

/// <summary>One goal: its number, its title in the reader's language, and how many measures serve it.</summary>
public sealed record GoalSummary(string Number, string Title, int Measures) : IModuleContract;
