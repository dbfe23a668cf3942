using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.Strategy;

/// <summary>
/// Loads a strategy file into the catalogue. Idempotent: the same file changes nothing. A changed file raises the
/// catalogue's version, updates goals and measures in place (their ids stay, so links from action plans survive) and
/// keeps each changed measure's previous wording as a <see cref="MeasureRevision"/>.
/// </summary>
public sealed class StrategyCatalogueLoader(AppDbContext db, TimeProvider clock, ILogger<StrategyCatalogueLoader> logger) : IDataSeeder
{
    public const string EmbeddedFileName = "Strategy.Seed.strategy-2024-2027.json";

    int IDataSeeder.Order => 20;

    /// <summary>The embedded strategy file, loaded when its hash changed.</summary>
    Task IDataSeeder.SeedAsync(CancellationToken cancellationToken) => LoadEmbeddedAsync(cancellationToken);

    public async Task<LoadResult> LoadEmbeddedAsync(CancellationToken cancellationToken)
    {
        await using var stream = EmbeddedFile.Open(EmbeddedFileName);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return await LoadAsync(buffer.ToArray(), cancellationToken);
    }

    public async Task<LoadResult> LoadAsync(byte[] utf8Json, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(utf8Json));
        var loaded = await db.Strategies.AsNoTracking().Where(s => s.ContentHash == hash).Select(s => new { s.Code, s.Version }).FirstOrDefaultAsync(cancellationToken);
        if (loaded is not null)
        {
            // This exact file is already the catalogue: nothing to parse or compare (start-up time).
            return new LoadResult(loaded.Code, loaded.Version, Changed: false, ChangedMeasures: 0);
        }

        var file = StrategyFile.Parse(utf8Json);
        var now = clock.GetUtcNow().UtcDateTime;
        var strategy = await db.Strategies.FirstOrDefaultAsync(s => s.Code == file.Code, cancellationToken);

        var isNew = strategy is null;
        strategy ??= new StrategyDocument { Id = Guid.NewGuid(), Code = file.Code, ContentHash = hash };
        if (isNew)
        {
            db.Strategies.Add(strategy);
        }

        strategy.ContentHash = hash;
        strategy.LoadedAt = now;
        strategy.PeriodStart = file.PeriodStart;
        strategy.PeriodEnd = file.PeriodEnd;
        strategy.Title = LocalizedText.Of(file.Title);
        strategy.GeneralGoalTitle = LocalizedText.Of(file.GeneralGoal.Title);
        strategy.GeneralGoalText = file.GeneralGoal.Text.Trim();

        var goals = await db.StrategyGoals.Where(g => g.StrategyId == strategy.Id).ToDictionaryAsync(g => g.Number, StringComparer.Ordinal, cancellationToken);
        var measures = await db.StrategyMeasures.Include(m => m.Items).Where(m => m.StrategyId == strategy.Id)
            .ToDictionaryAsync(m => m.Number, StringComparer.Ordinal, cancellationToken);
        var changedMeasures = 0;
        var goalOrder = 0;
        var measureOrder = 0;
        foreach (var goalEntry in file.Goals)
        {
            if (!goals.TryGetValue(goalEntry.Number, out var goal))
            {
                goal = new StrategyGoal { Id = Guid.NewGuid(), StrategyId = strategy.Id, Number = goalEntry.Number };
                db.StrategyGoals.Add(goal);
            }

            goal.Title = LocalizedText.Of(goalEntry.Title);
            goal.Text = goalEntry.Text?.Trim() ?? "";
            goal.SortOrder = goalOrder++;

            foreach (var entry in goalEntry.Measures)
            {
                var items = ToItems(entry);
                if (measures.TryGetValue(entry.Number, out var measure))
                {
                    var before = Describe(measure.Text, measure.Items.OrderBy(i => i.SortOrder));
                    var title = LocalizedText.Of(entry.Title);
                    if (before != Describe(entry.Text?.Trim() ?? "", items) || !measure.Title.SameAs(title))
                    {
                        db.MeasureRevisions.Add(new MeasureRevision
                        {
                            Id = Guid.NewGuid(),
                            MeasureId = measure.Id,
                            // The version this load becomes: the save raises it by one (IVersioned).
                            ReplacedInVersion = strategy.Version + 1,
                            PreviousTitle = measure.Title.En,
                            PreviousContent = before,
                            ChangedAt = now,
                        });
                        db.MeasureItems.RemoveRange(measure.Items);
                        measure.Items = [];
                        changedMeasures++;
                    }
                    else
                    {
                        measure.GoalId = goal.Id;
                        measure.SortOrder = measureOrder++;
                        continue;
                    }
                }
                else
                {
                    measure = new StrategyMeasure { Id = Guid.NewGuid(), StrategyId = strategy.Id, Number = entry.Number };
                    db.StrategyMeasures.Add(measure);
                    if (!isNew)
                    {
                        changedMeasures++;
                    }
                }

                measure.GoalId = goal.Id;
                measure.Title = LocalizedText.Of(entry.Title);
                measure.Text = entry.Text?.Trim() ?? "";
                measure.SortOrder = measureOrder++;
                foreach (var item in items)
                {
                    item.MeasureId = measure.Id;
                    db.MeasureItems.Add(item);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Strategy {Code} loaded as version {Version}; {Changed} measure(s) changed", strategy.Code, strategy.Version, changedMeasures);
        return new LoadResult(strategy.Code, strategy.Version, Changed: true, changedMeasures);
    }

    private static List<MeasureItem> ToItems(StrategyFile.MeasureEntry entry)
    {
        var items = new List<MeasureItem>();
        foreach (var item in entry.Items ?? [])
        {
            items.Add(new MeasureItem { Id = Guid.NewGuid(), Number = item.Number, Level = 0, Text = item.Text.Trim(), SortOrder = items.Count });
            foreach (var bullet in item.Bullets ?? [])
            {
                items.Add(new MeasureItem { Id = Guid.NewGuid(), Level = 1, Text = bullet.Trim(), SortOrder = items.Count });
            }
        }

        return items;
    }

    private static string Describe(string text, IEnumerable<MeasureItem> items)
    {
        var builder = new StringBuilder(text);
        foreach (var item in items)
        {
            builder.Append('\n').Append(item.Level == 0 ? (item.Number is null ? "- " : item.Number + ". ") : "  - ").Append(item.Text);
        }

        return builder.ToString().Trim();
    }

    public sealed record LoadResult(string Code, int Version, bool Changed, int ChangedMeasures);
}
