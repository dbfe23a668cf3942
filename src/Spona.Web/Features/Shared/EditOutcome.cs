namespace Spona.Web.Features.Shared;

/// <summary>The result of a create or update: done, not found, changed by someone else meanwhile, or invalid fields.</summary>
public sealed record EditOutcome(EditStatus Status, string? Key = null, IReadOnlyDictionary<string, string>? Errors = null)
{
    public static EditOutcome Done(string key) => new(EditStatus.Done, key);

    public static readonly EditOutcome NotFound = new(EditStatus.NotFound);

    public static readonly EditOutcome Conflict = new(EditStatus.Conflict);

    public static readonly EditOutcome Forbidden = new(EditStatus.Forbidden);

    public static EditOutcome Invalid(string field, string message) => new(EditStatus.Invalid, Errors: new Dictionary<string, string> { [field] = message });
}
