namespace Spona.Web.Features.Strategy;

/// <summary>A numbered item or bullet of a measure (level 0), or a bullet under a numbered item (level 1).</summary>
public sealed class MeasureItem
{
    public Guid Id { get; set; }

    public Guid MeasureId { get; set; }

    public string? Number { get; set; }

    public int Level { get; set; }

    public required string Text { get; set; }

    public int SortOrder { get; set; }
}
