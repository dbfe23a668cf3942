namespace Spona.Web.Platform.Audit;

/// <summary>
/// Something to record that is not a change of an <see cref="IAudited"/> entity: a read, a sign-in, an export, a
/// denied request. Actor, institution, time and correlation id are filled in from the current request unless given
/// (<see cref="ActorUserId"/>/<see cref="ActorLabel"/>, e.g. for a failed sign-in of a known account). Never put
/// personal data into <see cref="EntityKey"/> or <see cref="Reason"/>.
/// </summary>
public sealed record AuditEvent(
    string Action,
    string EntityType,
    string EntityKey,
    AuditOutcome Outcome = AuditOutcome.Success,
    string? Reason = null,
    string? Changes = null)
{
    public Guid? ActorUserId { get; init; }

    public string? ActorLabel { get; init; }

    public Guid? InstitutionId { get; init; }

    /// <summary>The explicit operation it was recorded in (set when queued); null: the scope's default operation.</summary>
    public AuditOperationScope? Operation { get; init; }
}
