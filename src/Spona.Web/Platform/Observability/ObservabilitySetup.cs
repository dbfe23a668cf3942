using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace Spona.Web.Platform.Observability;

/// <summary>Health endpoints, Prometheus metrics and logs. Logs carry ids and counts, never personal data.</summary>
public static class ObservabilitySetup
{
    /// <summary>
    /// Requests and their duration, connections, unhandled exceptions, rate-limiter refusals, and Identity's sign-ins and
    /// lockouts.
    /// </summary>
    internal static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Identity",
    ];

    public static IServiceCollection AddSponaObservability(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        // The meters named here, not every ASP.NET Core meter: the routing, authentication and authorization meters
        // record each request again, with what the request duration's status code already tells (a 401 or a 403),
        // and cost a tenth of an API call that reads no data (bench/api-roles.sh, ADR 0025).
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddRuntimeInstrumentation()
            .AddMeter(Meters)
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapSponaObservability(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        // Aggregate technical counters only; restrict at the reverse proxy if the network is not trusted (README).
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
