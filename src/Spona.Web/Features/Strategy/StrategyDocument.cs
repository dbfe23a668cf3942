using Spona.Web.Features.Shared;

namespace Spona.Web.Features.Strategy;

/// <summary>
/// A strategy (the 2024–2027 one, later 2028–2031) loaded from its structured file. <see cref="Version"/> grows each
/// time a changed file is loaded; the hash tells whether the file changed.
/// </summary>
public sealed class StrategyDocument : Platform.Persistence.IVersioned
{
    public Guid Id { get; set; }

    public required string Code { get; set; }

    public int PeriodStart { get; set; }

    public int PeriodEnd { get; set; }

    public LocalizedText Title { get; set; } = new();

    public LocalizedText GeneralGoalTitle { get; set; } = new();

    public string GeneralGoalText { get; set; } = "";

    public int Version { get; set; }

    public required string ContentHash { get; set; }

    public DateTime LoadedAt { get; set; }
}
