namespace Spona.Web.Platform.Access;

/// <summary>
/// A record that only some users reach (S5): those of its owning institution, those whose jurisdiction scope covers
/// its jurisdiction, and those holding an active grant on it (assignment, referral, break-the-glass). A module's entity
/// implements this and names its record type once.
/// </summary>
public interface IScopedRecord
{
    /// <summary>The record type's stable name, e.g. "Victim" (used in grants and the audit trail).</summary>
    static abstract string RecordType { get; }

    Guid Id { get; }

    Guid OwnerInstitutionId { get; }

    Guid? JurisdictionId { get; }
}
