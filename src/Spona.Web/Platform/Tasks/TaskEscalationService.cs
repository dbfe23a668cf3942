using Microsoft.Extensions.Options;

namespace Spona.Web.Platform.Tasks;

/// <summary>Runs <see cref="TaskEscalator"/> every <see cref="TaskOptions.EscalationIntervalSeconds"/>.</summary>
internal sealed partial class TaskEscalationService(IServiceScopeFactory scopes, IOptions<TaskOptions> options, TimeProvider clock, ILogger<TaskEscalationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.EscalationIntervalSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TaskEscalator>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task escalation failed ({ExceptionType}); it runs again at the next interval.")]
    private static partial void Failed(ILogger logger, string exceptionType);
}
