using Microsoft.EntityFrameworkCore;

namespace Spona.Web.Platform.Audit;

public static class AuditSetup
{
    /// <summary>The audit trail's services. <see cref="AddAuditInterceptor"/> wires the capture into the database context.</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditActorAccessor>();
        services.AddScoped<PendingAuditEvents>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditCheckpoints>();
        return services;
    }

    /// <summary>Adds this scope's audit interceptor to the options of its database context.</summary>
    public static DbContextOptionsBuilder AddAuditInterceptor(this DbContextOptionsBuilder options, IServiceProvider scope)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddInterceptors(new AuditSaveChangesInterceptor(
            scope.GetRequiredService<PendingAuditEvents>(), scope.GetRequiredService<AuditActorAccessor>(), scope.GetRequiredService<TimeProvider>()));
    }
}
