namespace Spona.Web.Features.Strategy;

internal static class StrategyQueries
{
    /// <summary>The strategy in force: the one with the latest period. Every read and write of the catalogue uses this.</summary>
    public static IQueryable<StrategyDocument> InForce(this IQueryable<StrategyDocument> strategies) =>
        strategies.OrderByDescending(s => s.PeriodStart).Take(1);
}
