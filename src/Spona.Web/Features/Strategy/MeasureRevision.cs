namespace Spona.Web.Features.Strategy;

/// <summary>The previous wording of a measure, kept when a changed strategy file is loaded.</summary>
public sealed class MeasureRevision
{
    public Guid Id { get; set; }

    public Guid MeasureId { get; set; }

    /// <summary>The catalogue version that replaced this wording.</summary>
    public int ReplacedInVersion { get; set; }

    public required string PreviousTitle { get; set; }

    public required string PreviousContent { get; set; }

    public DateTime ChangedAt { get; set; }
}
