using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Strategy;

/// <summary>
/// Read side of the catalogue, shared by the pages and the API. Other modules use these records, never the entities.
/// </summary>
public sealed class StrategyCatalogue(AppDbContext db)
{
    /// <summary>The strategy in force (the latest period), as a tree; optionally only measures matching a search.</summary>
    public async Task<StrategyTree?> GetTreeAsync(string culture, string? search, CancellationToken cancellationToken)
    {
        var strategy = await db.Strategies.AsNoTracking().InForce().FirstOrDefaultAsync(cancellationToken);
        if (strategy is null)
        {
            return null;
        }

        var goals = await db.StrategyGoals.AsNoTracking().Where(g => g.StrategyId == strategy.Id).OrderBy(g => g.SortOrder).ToListAsync(cancellationToken);
        var measures = await db.StrategyMeasures.AsNoTracking().Where(m => m.StrategyId == strategy.Id).OrderBy(m => m.SortOrder).ToListAsync(cancellationToken);
        var terms = (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        HashSet<Guid>? matching = null;
        if (terms.Length > 0)
        {
            // Search titles in every language and the English text of measures and their items; done in memory because
            // the catalogue is small (30 measures) and both databases then behave the same (case, diacritics).
            var items = await db.MeasureItems.AsNoTracking().Where(i => measures.Select(m => m.Id).Contains(i.MeasureId))
                .Select(i => new { i.MeasureId, i.Text }).ToListAsync(cancellationToken);
            var itemText = items.GroupBy(i => i.MeasureId).ToDictionary(g => g.Key, g => string.Join(' ', g.Select(i => i.Text)));
            matching = [.. measures.Where(m =>
            {
                var haystack = string.Join(' ', m.Number, m.Title.En, m.Title.Bs, m.Title.Hr, m.Title.SrLatn, m.Title.For(SupportedCultures.SerbianCyrillic), m.Text, itemText.GetValueOrDefault(m.Id, ""));
                return terms.All(t => SearchText.Contains(haystack, t));
            }).Select(m => m.Id)];
        }

        return new StrategyTree(
            strategy.Code,
            strategy.Title.For(culture),
            strategy.PeriodStart,
            strategy.PeriodEnd,
            strategy.Version,
            new GeneralGoalView(strategy.GeneralGoalTitle.For(culture), strategy.GeneralGoalText),
            [.. goals.Select(g => new GoalView(
                g.Number,
                g.Title.For(culture),
                g.Text,
                [.. measures.Where(m => m.GoalId == g.Id && (matching is null || matching.Contains(m.Id))).Select(m => new MeasureSummary(m.Number, m.Title.For(culture)))]))
            .Where(g => matching is null || g.Measures.Count > 0)]);
    }

    public async Task<MeasureView?> GetMeasureAsync(string number, string culture, CancellationToken cancellationToken)
    {
        var strategy = await db.Strategies.AsNoTracking().InForce().FirstOrDefaultAsync(cancellationToken);
        var measure = strategy is null ? null : await db.StrategyMeasures.AsNoTracking().Include(m => m.Items)
            .FirstOrDefaultAsync(m => m.StrategyId == strategy.Id && m.Number == number, cancellationToken);
        if (strategy is null || measure is null)
        {
            return null;
        }

        var goal = await db.StrategyGoals.AsNoTracking().FirstAsync(g => g.Id == measure.GoalId, cancellationToken);
        var amendments = await db.MeasureAmendments.AsNoTracking().Where(a => a.MeasureId == measure.Id).ToListAsync(cancellationToken);
        var revisions = await db.MeasureRevisions.AsNoTracking().Where(r => r.MeasureId == measure.Id).ToListAsync(cancellationToken);
        var siblings = await db.StrategyMeasures.AsNoTracking().Where(m => m.StrategyId == strategy.Id).OrderBy(m => m.SortOrder).Select(m => m.Number).ToListAsync(cancellationToken);
        var index = siblings.IndexOf(measure.Number);
        return new MeasureView(
            measure.Number,
            measure.Title.For(culture),
            measure.Title.En,
            new MeasureSummary(goal.Number, goal.Title.For(culture)),
            measure.Text,
            [.. measure.Items.OrderBy(i => i.SortOrder).Select(i => new MeasureItemView(i.Number, i.Level, i.Text))],
            [.. amendments.OrderByDescending(a => a.ProposedOn).ThenByDescending(a => a.RecordedAt)
                .Select(a => new AmendmentView(a.Id, a.ProposedBy, a.ProposedOn, a.AdoptedOn, a.DecisionReference, a.Change, a.RecordedAt))],
            [.. revisions.OrderByDescending(r => r.ReplacedInVersion).Select(r => new RevisionView(r.ReplacedInVersion, r.PreviousTitle, r.PreviousContent, r.ChangedAt))],
            index > 0 ? siblings[index - 1] : null,
            index >= 0 && index < siblings.Count - 1 ? siblings[index + 1] : null,
            strategy.Version);
    }

    public sealed record StrategyTree(string Code, string Title, int PeriodStart, int PeriodEnd, int Version, GeneralGoalView GeneralGoal, IReadOnlyList<GoalView> Goals);

    public sealed record GeneralGoalView(string Title, string Text);

    public sealed record GoalView(string Number, string Title, string Text, IReadOnlyList<MeasureSummary> Measures);

    public sealed record MeasureSummary(string Number, string Title);

    public sealed record MeasureView(
        string Number, string Title, string TitleEn, MeasureSummary Goal, string Text, IReadOnlyList<MeasureItemView> Items,
        IReadOnlyList<AmendmentView> Amendments, IReadOnlyList<RevisionView> Revisions, string? Previous, string? Next, int CatalogueVersion);

    public sealed record MeasureItemView(string? Number, int Level, string Text);

    public sealed record AmendmentView(Guid Id, string ProposedBy, DateOnly ProposedOn, DateOnly? AdoptedOn, string? DecisionReference, string Change, DateTime RecordedAt);

    public sealed record RevisionView(int ReplacedInVersion, string PreviousTitle, string PreviousContent, DateTime ChangedAt);
}
