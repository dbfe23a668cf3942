namespace Spona.Web.Platform.Jobs;

/// <summary>A stored job for operators: recurring or one-off, its schedule in words, its next and last firing (UTC).</summary>
public sealed record JobListing(string Name, string Kind, string? Key, string? Schedule, string State, DateTimeOffset? NextFireAt, DateTimeOffset? LastFireAt);
