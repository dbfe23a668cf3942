using Spona.Web.Platform;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Api;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Cli;
using Spona.Web.Platform.Configuration;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Jobs;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Mail;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Observability;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Tasks;
using Spona.Web.Platform.Web;

if (SponaCli.IsCommand(args))
{
    return await SponaCli.RunAsync(args, Console.Out, Console.Error);
}

try
{
    var builder = WebApplication.CreateBuilder(args);

    // Platform. The database initializer is the first hosted service: nothing may read the database before it migrates.
    builder.Services.AddHostedService<DatabaseInitializer>();
    builder.AddSponaCore();
    builder.Services.AddJobRunner();
    builder.Services.AddSponaSignIn(builder.Environment);
    builder.Services.AddPermissionPolicies();
    builder.Services.AddRecordAccess();
    builder.Services.AddPeriodicAuditCheckpoints();
    builder.Services.AddNotifications();
    builder.Services.AddTasks();
    builder.Services.AddSponaMail(builder.Configuration);
    builder.Services.AddSponaLocalization(builder.Configuration);
    builder.Services.AddSponaErrors();
    builder.Services.AddSponaObservability();
    builder.Services.AddSponaApi();
    builder.Services.AddSponaRateLimits(builder.Configuration);
    builder.Services.AddSponaWeb(builder.Environment, builder.Configuration);

    // Modules: every ISponaModule of the assembly, in its order (Platform/Modules).
    builder.Services.AddSponaModules(builder.Configuration);

    var app = builder.Build();

    app.UseSponaWeb();
    app.MapSponaObservability();
    app.MapSponaApi();
    app.MapSponaModules();
    app.MapRazorPages();

    await app.RunAsync();
    return 0;
}
catch (StartupConfigurationException ex)
{
    // One clear sentence naming the key, and a non-zero exit code (issue: configuration is a contract).
    await Console.Error.WriteLineAsync($"Spona cannot start: {ex.Message}");
    return 2;
}

/// <summary>The application's entry point, visible to tests (WebApplicationFactory).</summary>
public partial class Program;
