using Microsoft.Extensions.Options;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Jobs;
using Spona.Web.Platform.Notifications;

namespace Spona.Web.Platform.Tasks;

public static class TaskSetup
{
    /// <summary>The task platform: kinds, the service modules open tasks with, and the escalation job.</summary>
    public static IServiceCollection AddTasks(this IServiceCollection services)
    {
        services.AddSingleton<TaskKindRegistry>();
        services.AddScoped<TaskService>();
        services.AddScoped<TaskEscalator>();
        services.AddTaskKind(TaskKinds.General);
        services.AddScopedRecordType<WorkTask>();
        services.AddNotificationKind(TaskService.Assigned);
        services.AddNotificationKind(TaskEscalator.AtRisk);
        services.AddNotificationKind(TaskEscalator.Overdue);
        services.AddNotificationKind(TaskEscalator.Escalated);
        services.AddAuditOperationType(TaskService.CreateOperation);
        services.AddAuditOperationType(TaskService.CompleteOperation);
        services.AddAuditOperationType(TaskService.CancelOperation);
        services.AddAuditOperationType(TaskService.AssignOperation);
        // Once per firing across all instances (a missed firing runs once at start: escalation catches up by itself).
        services.AddRecurringJob<TaskEscalationJob>(TaskEscalationJob.JobName,
            provider => JobSchedule.Every(TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<TaskOptions>>().Value.EscalationIntervalSeconds)),
            MisfirePolicy.RunOnceNow);
        services.AddOptions<TaskOptions>().BindConfiguration(TaskOptions.Section)
            .Validate(o => o.EscalationIntervalSeconds is >= 1 and <= 3600, "Tasks:EscalationIntervalSeconds must be 1-3600.").ValidateOnStart();
        return services;
    }

    /// <summary>A module declares a kind of task (code, English text, deadline rule).</summary>
    public static IServiceCollection AddTaskKind(this IServiceCollection services, TaskKind kind) =>
        services.AddSingleton(kind);
}

/// <summary>Configuration section <c>Tasks</c>.</summary>
public sealed class TaskOptions
{
    public const string Section = "Tasks";

    /// <summary>How often open tasks are checked for escalation (default 60 s).</summary>
    public int EscalationIntervalSeconds { get; set; } = 60;
}
