using Spona.Web.Platform.Jobs;

namespace Spona.Web.Platform.Tasks;

/// <summary>The durable job (ADR 0021) that runs <see cref="TaskEscalator"/>: once per firing across all instances.</summary>
internal sealed class TaskEscalationJob(TaskEscalator escalator) : ISponaJob
{
    public const string JobName = "tasks.escalation";

    public Task RunAsync(JobRun run, CancellationToken cancellationToken) => escalator.RunAsync(cancellationToken);
}
