using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Tasks;

/// <summary>Task pages and API: "My tasks", "My institution's tasks", the supervisors' overdue list, one task, a new task.</summary>
public static class TasksModule
{
    public static IServiceCollection AddTasksModule(this IServiceCollection services)
    {
        services.AddScoped<TaskQueries>();
        services.AddMenuEntry(new MenuEntry("/tasks", Localizable.Text("Tasks"), 10, Permissions.TasksWork));
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
