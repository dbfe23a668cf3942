using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;

namespace Spona.Web.Features.ReferenceData;

public sealed class CodeItem : IAudited, Platform.Persistence.IVersioned
{
    public Guid Id { get; set; }

    [AuditValue]
    public Guid CodeListId { get; set; }

    [AuditValue]
    public required string Code { get; set; }

    [AuditValue]
    public LocalizedText Label { get; set; } = new();

    /// <summary>Further codes from the source standard (alpha-3, HTCDS field name ...), as JSON.</summary>
    [AuditValue]
    public string? Extra { get; set; }

    [AuditValue]
    public bool IsActive { get; set; } = true;

    [AuditValue]
    public int SortOrder { get; set; }

    [AuditValue]
    public int Version { get; set; }
}
