using Spona.Web.Platform.Authorization;

namespace Spona.Web.Features.Tasks;

/// <summary>Task pages and API: "My tasks", "My institution's tasks", the supervisors' overdue list, one task, a new task.</summary>
public static class TasksModule
{
    public static IServiceCollection AddTasksModule(this IServiceCollection services)
    {
        services.AddScoped<TaskQueries>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
            options.Conventions.AuthorizeFolder("/Tasks", Permissions.TasksWork));
        return services;
    }

    public static WebApplication MapTasksModule(this WebApplication app)
    {
        TaskEndpoints.Map(app);
        return app;
    }
}
