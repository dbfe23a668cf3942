using Microsoft.EntityFrameworkCore;

namespace Spona.Web.Platform.Audit;

public static class AuditSetup
{
    /// <summary>The audit trail's services. <see cref="AddAuditInterceptor"/> wires the capture into the database context.</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditActorAccessor>();
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section)
            .Validate(o => o.CheckpointIntervalMinutes is >= 0 and <= 1440, "Audit:CheckpointIntervalMinutes must be 0-1440 (0 turns automatic checkpoints off).")
            .Validate(o => o.SealIntervalMilliseconds is >= 10 and <= 60_000, "Audit:SealIntervalMilliseconds must be 10-60000.")
            .Validate(o => o.MaxUnsealedSeconds is >= 1 and <= 86_400, "Audit:MaxUnsealedSeconds must be 1-86400.")
            .ValidateOnStart();
        services.AddSingleton<AuditSealSignal>();
        services.AddSingleton<AuditSealer>();
        services.AddScoped<PendingAuditEvents>();
        services.AddSingleton<AuditOperationTypes>();
        services.AddAuditOperationType(PlatformOperations.BreakGlass);
        services.AddAuditOperationType(PlatformOperations.TokenCreate);
        services.AddSingleton<AuditWriteTurn>();
        services.AddSingleton<AuditGroupCommit>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<RecordReads>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditCheckpoints>();
        services.AddScoped<InsiderAlerts>();
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section)
            .Validate(o => o.ReadsPerWindow >= 1 && o.WindowMinutes is >= 1 and <= 1440 && o.LookBackDays is >= 1 and <= 90,
                "Alerts:ReadsPerWindow must be at least 1, Alerts:WindowMinutes 1-1440 and Alerts:LookBackDays 1-90.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Declares a kind of change (ADR 0022); <see cref="IAuditTrail.BeginOperation"/> refuses undeclared ones.</summary>
    public static IServiceCollection AddAuditOperationType(this IServiceCollection services, AuditOperationType type) =>
        services.AddSingleton(type);

    /// <summary>Adds this scope's audit interceptor to the options of its database context.</summary>
    public static DbContextOptionsBuilder AddAuditInterceptor(this DbContextOptionsBuilder options, IServiceProvider scope)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddInterceptors(AuditBypassGuard.Instance);
        return options.AddInterceptors(new AuditSaveChangesInterceptor(
            scope.GetRequiredService<PendingAuditEvents>(), scope.GetRequiredService<AuditActorAccessor>(), scope.GetRequiredService<TimeProvider>(),
            scope.GetRequiredService<AuditSealSignal>()));
    }
}
