using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Tasks;

/// <summary>Task pages and API: "My tasks", "My institution's tasks", the supervisors' overdue list, one task, a new task.</summary>
public sealed class TasksModule : ISponaModule
{
    public int Order => 80;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<TaskQueries>();
        services.AddMenuEntry(new MenuEntry("/tasks", Localizable.Text("Tasks"), 10, Permissions.TasksWork));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
            options.Conventions.AuthorizeFolder("/Tasks", Permissions.TasksWork));
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        TaskEndpoints.Map(routes);
    }
}
