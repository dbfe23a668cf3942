namespace Spona.Web.Platform.Jobs;

/// <summary>A recurring job as a module registered it; its schedule is read at start (null: not scheduled here).</summary>
internal sealed record RecurringJobRegistration(string Name, Type JobType, Func<IServiceProvider, JobSchedule?> Schedule, MisfirePolicy Misfire, JobRetry Retry);
