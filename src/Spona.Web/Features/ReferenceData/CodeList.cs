using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;

namespace Spona.Web.Features.ReferenceData;

/// <summary>
/// A list of codes that later modules use (countries, languages, forms of exploitation, sex, ...). Administrators add
/// items and translate labels; codes themselves never change once used.
/// </summary>
public sealed class CodeList : IAudited
{
    public Guid Id { get; set; }

    /// <summary>Stable key used in code and URLs, e.g. <c>countries</c>.</summary>
    [AuditValue]
    public required string Key { get; set; }

    [AuditValue]
    public LocalizedText Name { get; set; } = new();

    [AuditValue]
    public string? Source { get; set; }
}
