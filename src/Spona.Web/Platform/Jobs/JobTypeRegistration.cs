namespace Spona.Web.Platform.Jobs;

/// <summary>
/// A job type that can run here, by its registered name. A stored firing names its job by this name only: the
/// database never decides which type is instantiated.
/// </summary>
internal sealed record JobTypeRegistration(string Name, Type JobType, JobRetry Retry);
