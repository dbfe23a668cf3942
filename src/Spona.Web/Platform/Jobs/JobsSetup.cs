using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Quartz;
using Spona.Web.Platform.Configuration;

namespace Spona.Web.Platform.Jobs;

/// <summary>
/// Durable jobs on Quartz.NET's clustered ADO.NET job store, in the application's own database (tables
/// <c>qrtz_*</c>, created by the migrations; ADR 0021). Modules register their jobs here and never see Quartz:
/// <code>
/// services.AddRecurringJob&lt;TaskEscalation&gt;("tasks.escalation", JobSchedule.Every(TimeSpan.FromMinutes(5)));
/// services.AddJob&lt;SendReminder&gt;("tasks.reminder");   // then IJobScheduler.ScheduleOnceAsync&lt;SendReminder&gt;(key, at, data)
/// </code>
/// </summary>
public static class JobsSetup
{
    public const string TablePrefix = "qrtz_";
    public const string SchedulerName = "Spona";

    /// <summary>The scheduler and <see cref="IJobScheduler"/> (web and command line); nothing runs until <see cref="AddJobRunner"/>'s service starts it.</summary>
    public static IServiceCollection AddSponaJobs(this IServiceCollection services, IConfiguration configuration, SponaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        var options = Load(configuration);
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);
        services.AddSingleton<JobRegistry>();
        services.AddSingleton<JobScheduler>();
        services.AddSingleton<IJobScheduler>(provider => provider.GetRequiredService<JobScheduler>());
        services.AddTransient<QuartzJob>();
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                if (string.Equals(options.InstanceId, "auto", StringComparison.OrdinalIgnoreCase))
                {
                    scheduler.GenerateInstanceId = true;
                }
                else
                {
                    scheduler.InstanceId = options.InstanceId;
                }

                scheduler.IdleWaitTime = TimeSpan.FromSeconds(options.IdleWaitSeconds);
            });
            quartz.UseDefaultThreadPool(options.Threads);
            // Quartz keeps real time even where the application's clock is a test's fake: a scheduler on a frozen clock
            // never fires, and instances compare their check-ins with each other. Jobs read the time from TimeProvider.
            quartz.UseTimeProvider(TimeProvider.System);
            quartz.UsePersistentStore(store =>
            {
                store.ConfigureStore(o => o.TablePrefix = TablePrefix);
                switch (settings.Provider)
                {
                    case DatabaseProvider.Postgres:
                        store.UsePostgres(NpgsqlFactory.Instance, settings.ConnectionString);
                        store.UseClustering(cluster =>
                        {
                            cluster.CheckinInterval = TimeSpan.FromSeconds(options.CheckinSeconds);
                            cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(options.CheckinSeconds);
                        });
                        break;
                    default:
                        // Quartz refuses clustering on SQLite ("SQLite cannot be used as clustered mode due to locking
                        // problems"): on SQLite, the embedded single-instance database, the store is persistent but
                        // not clustered, and only one instance may run jobs on a database file (ADR 0021).
                        store.UseSqlite(SqliteFactory.Instance, SqliteConnectionString(settings.ConnectionString));
                        break;
                }
            });
        });
        return services;
    }

    /// <summary>Runs jobs in this instance (the web application only): starts and stops the scheduler with the host.</summary>
    public static IServiceCollection AddJobRunner(this IServiceCollection services)
    {
        services.AddHostedService<JobRunner>();
        return services;
    }

    /// <summary>
    /// A job that runs every firing of <paramref name="schedule"/> once across all instances, never two firings at
    /// once. <paramref name="name"/> is stable (it is the stored job's key), lower-case with dots, e.g. <c>tasks.escalation</c>.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(
        this IServiceCollection services, string name, JobSchedule schedule, MisfirePolicy misfire = MisfirePolicy.RunOnceNow, JobRetry? retry = null)
        where TJob : class, ISponaJob
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return services.AddRecurringJob<TJob>(name, _ => schedule, misfire, retry);
    }

    /// <summary>As above, with the schedule read from configuration at start; null leaves the job unscheduled (and removes a stored one).</summary>
    public static IServiceCollection AddRecurringJob<TJob>(
        this IServiceCollection services, string name, Func<IServiceProvider, JobSchedule?> schedule, MisfirePolicy misfire = MisfirePolicy.RunOnceNow, JobRetry? retry = null)
        where TJob : class, ISponaJob
    {
        ValidateName(name);
        services.AddTransient<TJob>();
        services.AddSingleton(new RecurringJobRegistration(name, typeof(TJob), schedule, misfire, retry ?? JobRetry.None));
        return services;
    }

    /// <summary>A job that <see cref="IJobScheduler.ScheduleOnceAsync{TJob}"/> schedules to run once, retried per <paramref name="retry"/> (default <see cref="JobRetry.OneOffDefault"/>).</summary>
    public static IServiceCollection AddJob<TJob>(this IServiceCollection services, string name, JobRetry? retry = null)
        where TJob : class, ISponaJob
    {
        ValidateName(name);
        services.AddTransient<TJob>();
        services.AddSingleton(new JobTypeRegistration(name, typeof(TJob), retry ?? JobRetry.OneOffDefault));
        return services;
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > 100 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_'))
        {
            throw new ArgumentException($"A job name is lower-case letters, digits, '.', '-' and '_', at most 100 ('{name}').", nameof(name));
        }
    }

    /// <summary>
    /// Quartz opens its own SQLite connections, so the pragma interceptor of the context does not reach them: foreign
    /// keys are switched on by the connection string, and the command timeout (Microsoft.Data.Sqlite retries a busy
    /// database until it runs out) stands in for the busy timeout. WAL is a property of the file, set by the application.
    /// </summary>
    internal static string SqliteConnectionString(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, DefaultTimeout = 30 }.ToString();

    private static JobsOptions Load(IConfiguration configuration)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        Check(options.Threads is >= 1 and <= 16, "Threads", options.Threads, "1-16");
        Check(options.IdleWaitSeconds is >= 1 and <= 300, "IdleWaitSeconds", options.IdleWaitSeconds, "1-300");
        Check(options.CheckinSeconds is >= 1 and <= 300, "CheckinSeconds", options.CheckinSeconds, "1-300");
        if (string.IsNullOrWhiteSpace(options.InstanceId) || options.InstanceId.Length > 100)
        {
            throw new StartupConfigurationException("Configuration key 'Jobs:InstanceId' must be 'auto' or a name of at most 100 characters, unique in the cluster.");
        }

        return options;
    }

    private static void Check(bool valid, string key, int value, string range)
    {
        if (!valid)
        {
            throw new StartupConfigurationException(string.Create(CultureInfo.InvariantCulture, $"Configuration key 'Jobs:{key}' has the value '{value}'; use a whole number from {range}."));
        }
    }
}
