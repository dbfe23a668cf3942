using Spona.Web.Features.Shared;

namespace Spona.Web.Features.ReferenceData;

/// <summary>
/// A list of codes that later modules use (countries, languages, forms of exploitation, sex, ...). Administrators add
/// items and translate labels; codes themselves never change once used.
/// </summary>
public sealed class CodeList : Platform.Audit.IAudited
{
    public Guid Id { get; set; }

    /// <summary>Stable key used in code and URLs, e.g. <c>countries</c>.</summary>
    public required string Key { get; set; }

    public LocalizedText Name { get; set; } = new();

    public string? Source { get; set; }
}
