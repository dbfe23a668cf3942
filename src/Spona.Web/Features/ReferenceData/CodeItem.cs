using Spona.Web.Features.Shared;

namespace Spona.Web.Features.ReferenceData;

public sealed class CodeItem : Platform.Audit.IAudited
{
    public Guid Id { get; set; }

    public Guid CodeListId { get; set; }

    public required string Code { get; set; }

    public LocalizedText Label { get; set; } = new();

    /// <summary>Further codes from the source standard (alpha-3, HTCDS field name ...), as JSON.</summary>
    public string? Extra { get; set; }

    public bool IsActive { get; set; } = true;

    public int SortOrder { get; set; }

    public int Version { get; set; }
}
