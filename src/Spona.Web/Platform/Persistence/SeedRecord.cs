namespace Spona.Web.Platform.Persistence;

/// <summary>
/// Which version (content hash) of a set of seed files was last applied, so that an unchanged installation starts
/// without re-reading every reference row (start-up time).
/// </summary>
public sealed class SeedRecord
{
    public required string Key { get; set; }

    public required string ContentHash { get; set; }

    public DateTime AppliedAt { get; set; }
}
