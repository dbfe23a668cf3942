using Spona.Web.Features.Shared;

namespace Spona.Web.Features.Strategy;

/// <summary>A strategic measure such as 4.2. Action-plan activities will link to measures.</summary>
public sealed class StrategyMeasure
{
    public Guid Id { get; set; }

    public Guid StrategyId { get; set; }

    public Guid GoalId { get; set; }

    public required string Number { get; set; }

    public LocalizedText Title { get; set; } = new();

    public string Text { get; set; } = "";

    public int SortOrder { get; set; }

    public List<MeasureItem> Items { get; set; } = [];
}
