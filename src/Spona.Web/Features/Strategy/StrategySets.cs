using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Strategy;

/// <summary>The strategy catalogue's sets of the data API, declared from the module's folder (the platform's context names none).</summary>
public static class StrategySets
{
    extension(AppDbContext db)
    {
        public DbSet<StrategyDocument> Strategies => db.Set<StrategyDocument>();

        public DbSet<StrategyGoal> StrategyGoals => db.Set<StrategyGoal>();

        public DbSet<StrategyMeasure> StrategyMeasures => db.Set<StrategyMeasure>();

        public DbSet<MeasureItem> MeasureItems => db.Set<MeasureItem>();

        public DbSet<MeasureAmendment> MeasureAmendments => db.Set<MeasureAmendment>();

        public DbSet<MeasureRevision> MeasureRevisions => db.Set<MeasureRevision>();
    }
}
