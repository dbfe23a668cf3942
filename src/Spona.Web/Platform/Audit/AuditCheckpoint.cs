namespace Spona.Web.Platform.Audit;

/// <summary>
/// The RFC 6962 root of the first <see cref="TreeSize"/> audit entries at one moment. Exported off the system (JSON
/// lines), a checkpoint proves later that history was not rewritten, even by someone who recomputed the whole chain.
/// </summary>
public sealed class AuditCheckpoint
{
    public long Id { get; set; }

    public long TreeSize { get; set; }

    /// <summary>Lowercase hex.</summary>
    public required string RootHash { get; set; }

    public DateTime CreatedAt { get; set; }
}
