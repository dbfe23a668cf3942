using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Spona.Web.Platform.Api;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Tasks;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Tasks;

/// <summary>
/// Tasks API (permission Tasks.Work; the overdue view Tasks.Supervise). Lists take <c>view</c> (<c>mine</c>,
/// <c>institution</c>), <c>state</c> (<c>open</c>, <c>done</c>, <c>cancelled</c>, <c>all</c>), <c>kind</c>,
/// <c>sort</c> (<c>due</c>: overdue first; <c>created</c>: newest first), <c>page</c>, <c>pageSize</c>. Every task is
/// reached only within the caller's record scope: another institution's task is "not found".
/// </summary>
internal static class TaskEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var tasks = app.MapApiGroup("tasks", "Tasks");
        tasks.MapGet("", async Task<Results<Ok<PagedResult<TaskItemView>>, ValidationProblem>> (string? view, string? state, string? kind, string? sort, int? page, int? pageSize, TaskQueries queries, TaskKindRegistry kinds, CancellationToken ct) =>
                Parse(view, state, kind, sort, kinds) is { } problem
                    ? problem
                    : TypedResults.Ok(await queries.ListAsync(ViewOf(view), StateOf(state), kind, SortOf(sort), page, pageSize, ct)))
            .RequireAuthorization(Permissions.TasksWork).ReadsPersonalData(WorkTask.RecordType)
            .WithSummary("Your tasks (view=mine, the default) or your institution's (view=institution), open ones by default, overdue first; filter by state and kind, sort by due or created, paged.");
        tasks.MapGet("/overdue", async Task<Results<Ok<PagedResult<TaskItemView>>, ValidationProblem>> (string? kind, int? page, int? pageSize, TaskQueries queries, TaskKindRegistry kinds, CancellationToken ct) =>
                Parse(null, null, kind, null, kinds) is { } problem
                    ? problem
                    : TypedResults.Ok(await queries.ListAsync(TaskView.Overdue, TaskStateFilter.Open, kind, TaskSort.Due, page, pageSize, ct)))
            .RequireAuthorization(Permissions.TasksSupervise).ReadsPersonalData(WorkTask.RecordType)
            .WithSummary("Overdue open tasks of every institution in your scope (your institution, your jurisdiction and below, grants), most overdue first, paged.");
        tasks.MapGet("/{id:guid}", async Task<Results<Ok<TaskDetailView>, ProblemHttpResult>> (Guid id, TaskQueries queries, CancellationToken ct) =>
                await queries.FindAsync(id, ct) is { } task ? TypedResults.Ok(task) : NotFound())
            .RequireAuthorization(Permissions.TasksWork).ReadsPersonalData(WorkTask.RecordType)
            .WithSummary("One task in your scope, with its note and, for supervisors, the people it can be assigned to.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapPost("", async Task<Results<Created<TaskDetailView>, ProblemHttpResult, ValidationProblem>> ([FromBody] TaskInput input, TaskService service, TaskQueries queries, CancellationToken ct) =>
            {
                var result = await service.CreateAsync(input, ct);
                if (Refused(result) is { } refused)
                {
                    return refused;
                }

                if (result.Status == TaskResultStatus.Invalid)
                {
                    return Invalid(result);
                }

                return await queries.FindAsync(result.Task!.Id, ct) is { } created
                    ? TypedResults.Created($"/api/v1/tasks/{result.Task.Id}", created)
                    : NotFound();
            })
            .RequireAuthorization(Permissions.TasksWork).ReadsPersonalData(WorkTask.RecordType)
            .WithSummary("Create a task for your institution: title, optional note, dueAt (in the future, with its offset), optional assigneeUserId (a person of your institution, who is notified).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapPost("/{id:guid}/done", async Task<Results<Ok<TaskDetailView>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] VersionInput input, TaskService service, TaskQueries queries, CancellationToken ct) =>
                await Changed(await service.CompleteAsync(id, input.Version, ct), queries, id, ct))
            .RequireAuthorization(Permissions.TasksWork).ReadsPersonalData(WorkTask.RecordType)
            .WithSummary("Mark the task done. Send the version you read; a task changed or closed meanwhile answers 409.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{id:guid}/cancel", async Task<Results<Ok<TaskDetailView>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] CancelInput input, TaskService service, TaskQueries queries, CancellationToken ct) =>
                await Changed(await service.CancelAsync(id, input.Version, input.Reason, ct), queries, id, ct))
            .RequireAuthorization(Permissions.TasksWork).ReadsPersonalData(WorkTask.RecordType)
            .WithSummary("Cancel the task, stating why (at least 5 characters). Send the version you read.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{id:guid}/assign", async Task<Results<Ok<TaskDetailView>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] AssignInput input, TaskService service, TaskQueries queries, CancellationToken ct) =>
                await Changed(await service.AssignAsync(id, input.Version, input.AssigneeUserId, ct), queries, id, ct))
            .RequireAuthorization(Permissions.TasksWork).ReadsPersonalData(WorkTask.RecordType)
            .WithSummary("Take the task yourself (assigneeUserId = your id) or, with Tasks.Supervise, give it to a person of the responsible institution or to no one (null).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The task as it now stands after a saved change (read only then), or why the change was refused.</summary>
    private static async Task<Results<Ok<TaskDetailView>, ProblemHttpResult, ValidationProblem>> Changed(TaskResult result, TaskQueries queries, Guid id, CancellationToken ct)
    {
        if (Refused(result) is { } refused)
        {
            return refused;
        }

        if (result.Status == TaskResultStatus.Invalid)
        {
            return Invalid(result);
        }

        return await queries.FindAsync(id, ct) is { } view ? TypedResults.Ok(view) : NotFound();
    }

    /// <summary>The problem for a change refused as a whole (not reached, not allowed, changed meanwhile); null otherwise.</summary>
    internal static ProblemHttpResult? Refused(TaskResult result) => result.Status switch
    {
        TaskResultStatus.NotFound => NotFound(),
        TaskResultStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", detail: "Only a supervisor gives a task to someone else."),
        TaskResultStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The record was changed by someone else.", detail: "Read the task again: it was changed or closed meanwhile."),
        _ => null,
    };

    internal static ValidationProblem Invalid(TaskResult result) =>
        TypedResults.ValidationProblem(result.Errors!.ToDictionary(e => e.Key, e => new[] { e.Value }));

    internal static ValidationProblem? Parse(string? view, string? state, string? kind, string? sort, TaskKindRegistry kinds)
    {
        var errors = new Dictionary<string, string[]>();
        if (view is not null && TryView(view) is null)
        {
            errors["view"] = ["The view must be 'mine' or 'institution'."];
        }

        if (state is not null && TryState(state) is null)
        {
            errors["state"] = ["The state must be one of: open, done, cancelled, all."];
        }

        if (!string.IsNullOrEmpty(kind) && kinds.Find(kind) is null)
        {
            errors["kind"] = ["Unknown kind of task."];
        }

        if (sort is not null && TrySort(sort) is null)
        {
            errors["sort"] = ["The sort must be 'due' or 'created'."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    internal static TaskView? TryView(string? value) => value switch
    {
        null or "" or "mine" => TaskView.Mine,
        "institution" => TaskView.Institution,
        _ => null,
    };

    internal static TaskStateFilter? TryState(string? value) => value switch
    {
        null or "" or "open" => TaskStateFilter.Open,
        "done" => TaskStateFilter.Done,
        "cancelled" => TaskStateFilter.Cancelled,
        "all" => TaskStateFilter.All,
        _ => null,
    };

    internal static TaskSort? TrySort(string? value) => value switch
    {
        null or "" or "due" => TaskSort.Due,
        "created" => TaskSort.Created,
        _ => null,
    };

    private static TaskView ViewOf(string? value) => TryView(value) ?? TaskView.Mine;

    private static TaskStateFilter StateOf(string? value) => TryState(value) ?? TaskStateFilter.Open;

    private static TaskSort SortOf(string? value) => TrySort(value) ?? TaskSort.Due;

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "There is no such task in your reach.");

    public sealed record VersionInput(int? Version);

    public sealed record CancelInput(int? Version, string? Reason);

    public sealed record AssignInput(int? Version, Guid? AssigneeUserId);
}
