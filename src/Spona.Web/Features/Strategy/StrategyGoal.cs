using Spona.Web.Features.Shared;

namespace Spona.Web.Features.Strategy;

/// <summary>One of the strategy's specific goals (SG1–SG5).</summary>
public sealed class StrategyGoal
{
    public Guid Id { get; set; }

    public Guid StrategyId { get; set; }

    public required string Number { get; set; }

    public LocalizedText Title { get; set; } = new();

    public string Text { get; set; } = "";

    public int SortOrder { get; set; }
}
