using Microsoft.AspNetCore.DataProtection;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Configuration;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Jobs;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform;

/// <summary>What both the web application and the command line need: settings, database, accounts, and each module's core services (its seeders).</summary>
public static class SponaCore
{
    public static SponaSettings AddSponaCore(this IHostApplicationBuilder builder)
    {
        var settings = SponaSettings.Load(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        // Keys for personal data live outside the database (S8); a start with unsafe key files is refused here.
        builder.Services.AddSponaProtection(builder.Configuration, settings, TimeProvider.System);
        builder.Services.AddAuditTrail();
        builder.Services.AddPersistence(settings);
        // Keys in the database: a cookie issued by one instance is valid on every other (several instances, one database).
        // They are encrypted there with the key ring (ProtectionSetup), so the database alone holds no usable cookie key.
        builder.Services.AddDataProtection().SetApplicationName("Spona").PersistKeysToDbContext<AppDbContext>();
        builder.Services.AddSponaIdentityCore();
        // Durable jobs share the database (ADR 0021); only the web application runs them (AddJobRunner).
        builder.Services.AddSponaJobs(builder.Configuration, settings);
        // What every module needs on both sides: its seeders and what its commands use (ISponaModule.AddCoreServices).
        builder.Services.AddSponaModuleCore();
        return settings;
    }
}
