using System.CommandLine;
using System.Globalization;
using Spona.Web.Platform.Cli;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Jobs;

/// <summary><c>spona jobs list</c>: every stored job of the cluster with its schedule, state, next and last firing (UTC).</summary>
internal static class JobCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var list = new Command("list", "List the durable jobs stored in the database: schedule, state, next and last firing (UTC).");
        list.SetAction((_, ct) => SponaCli.WithServices(output, error, async services =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var scheduler = services.GetRequiredService<JobScheduler>();
            try
            {
                var jobs = await scheduler.ListAsync(ct);
                await output.WriteLineAsync($"{"JOB",-24} {"KIND",-9} {"STATE",-9} {"NEXT (UTC)",-20} {"LAST (UTC)",-20} SCHEDULE / KEY");
                foreach (var job in jobs)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{job.Name,-24} {job.Kind,-9} {job.State,-9} {Time(job.NextFireAt),-20} {Time(job.LastFireAt),-20} {job.Schedule ?? job.Key}"));
                }

                if (jobs.Count == 0)
                {
                    await output.WriteLineAsync("No jobs are stored yet: the web application stores its recurring jobs when it starts.");
                }

                return 0;
            }
            finally
            {
                if (scheduler.Built is { } built)
                {
                    await built.Shutdown(waitForJobsToComplete: false, CancellationToken.None);
                }
            }
        }));
        return new Command("jobs", "Durable jobs (Quartz.NET, clustered in the database).") { list };
    }

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";
}
