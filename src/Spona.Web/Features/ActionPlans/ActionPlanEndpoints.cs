using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Api;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.ActionPlans;

/// <summary>
/// <c>/api/v1/action-plans</c>: plans, their consultations, activities, indicators, budgets, reporting periods and
/// progress reports. What the caller cannot read is 404; what they read but may not change is 403; a stale version
/// or a broken rule is 409 (with the rule's code); bad input is 400 and changes nothing.
/// </summary>
internal static class ActionPlanEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var plans = app.MapApiGroup("action-plans", "Action plans");
        plans.MapGet("", async Task<Results<Ok<PagedResult<PlanListItem>>, ValidationProblem>> (Guid? jurisdictionId, PlanStatus? status, string? search, int? page, int? pageSize, ActionPlanQueries queries, CancellationToken ct) =>
                SearchInput.Problem(search) is { } problem ? problem : TypedResults.Ok(await queries.ListPlansAsync(jurisdictionId, status, search, page, pageSize, ct)))
            .RequireAuthorization(ActionPlansPermissions.Read)
            .WithSummary("The plans you read (all of them for the State Coordinator's office and the Monitoring Team), newest period first; filter by level, status and text, paged.");
        plans.MapGet("/{id:guid}", async Task<Results<Ok<PlanDetail>, ProblemHttpResult>> (Guid id, ActionPlanQueries queries, CancellationToken ct) =>
                await queries.FindPlanAsync(id, ct) is { } plan ? TypedResults.Ok(plan) : NotFound())
            .RequireAuthorization(ActionPlansPermissions.Read)
            .WithSummary("One plan: header, consultations, the activities you read, reporting periods, indicators with targets, actuals and progress.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        plans.MapPost("", async Task<Results<Created<PlanDetail>, ProblemHttpResult, ValidationProblem>> ([FromBody] PlanInput input, SavePlan save, ActionPlanQueries queries, CancellationToken ct) =>
                await CreatedAsync(await save.CreateAsync(input, ct), id => queries.FindPlanAsync(id, ct), id => $"/api/v1/action-plans/{id}"))
            .RequireAuthorization(ActionPlansPermissions.Manage)
            .WithSummary("Create a plan (a draft) owned by your coordination body: title in one or more languages (bs, hr, srLatn, srCyrl, en), jurisdictionId of the level, periodStart, periodEnd.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPut("/{id:guid}", async Task<Results<Ok<PlanDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] PlanInput input, SavePlan save, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await save.UpdateAsync(id, input, ct), () => queries.FindPlanAsync(id, ct)))
            .RequireAuthorization(ActionPlansPermissions.Manage)
            .WithSummary("Change a plan's header (title, level, period). Send the version you read.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPost("/{id:guid}/status", async Task<Results<Ok<PlanDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] PlanStatusInput input, ChangePlanStatus change, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await change.ChangeAsync(id, input, ct), () => queries.FindPlanAsync(id, ct)))
            .RequireAuthorization(ActionPlansPermissions.Manage)
            .WithSummary("Move the plan one step on: Adopted (with adoptedOn and decisionReference), InForce, Closed. Attach the decision as a file of record type ActionPlan.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPost("/{id:guid}/copy", async Task<Results<Created<PlanDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] CopyPlanInput input, CopyPlan copy, ActionPlanQueries queries, CancellationToken ct) =>
                await CreatedAsync(await copy.CopyAsync(id, input, ct), created => queries.FindPlanAsync(created, ct), created => $"/api/v1/action-plans/{created}"))
            .RequireAuthorization(ActionPlansPermissions.Manage)
            .WithSummary("Start a new plan (a draft) as a copy of this one for a new period: activities, measures, partners, indicators and planned budgets.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPost("/{id:guid}/consultations", async Task<Results<Ok<PlanDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] ConsultationInput input, AddConsultation add, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await add.AddAsync(id, input, ct), () => queries.FindPlanAsync(id, ct)))
            .RequireAuthorization(ActionPlansPermissions.Manage)
            .WithSummary("Record who was consulted while drafting (1.1.3): group, organisation, consultedOn, note.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPost("/{id:guid}/periods", async Task<Results<Ok<PlanDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] PeriodsInput input, AddPeriods add, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await add.AddAsync(id, input, ct), () => queries.FindPlanAsync(id, ct)))
            .RequireAuthorization(ActionPlansPermissions.Manage)
            .WithSummary("Add reporting periods: kind SemiAnnual or Annual with dueDays (every period of the plan), or kind Other with label, start, end, dueOn.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPost("/periods/{id:guid}/lock", async Task<Results<Ok<PeriodView>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] VersionInput input, LockPeriod lockPeriod, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await lockPeriod.LockAsync(id, input.Version, ct), () => queries.FindPeriodAsync(id, ct)))
            .RequireAuthorization(ActionPlansPermissions.Monitor)
            .WithSummary("Lock a reporting period whose reports are all accepted; its reports then change only by a recorded correction.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPost("/{id:guid}/activities", async Task<Results<Created<ActivityDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] ActivityInput input, SaveActivity save, ActionPlanQueries queries, CancellationToken ct) =>
                await CreatedAsync(await save.CreateAsync(id, input, ct), created => queries.FindActivityAsync(created, ct), created => $"/api/v1/action-plans/activities/{created}"))
            .RequireAuthorization(ActionPlansPermissions.Manage)
            .WithSummary("Add an activity: title, description, measureIds (at least one), measureItemIds, leadInstitutionId, partnerInstitutionIds, start, end (within the plan).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPost("/{id:guid}/indicators", async Task<Results<Ok<PlanDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] IndicatorInput input, SaveIndicator save, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await save.CreateAsync(id, input, ct), () => queries.FindPlanAsync(id, ct)))
            .RequireAuthorization(ActionPlansPermissions.Manage)
            .WithSummary("Add an indicator to the plan or (activityId) to one of its activities: name, definition, unit, direction, baseline, source, targets per period.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPut("/indicators/{id:guid}", async Task<Results<Ok<PlanDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] IndicatorInput input, SaveIndicator save, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await save.UpdateAsync(id, input, ct), async () => await queries.PlanOfIndicatorAsync(id, ct) is { } plan ? await queries.FindPlanAsync(plan, ct) : null))
            .RequireAuthorization(ActionPlansPermissions.Manage)
            .WithSummary("Change an indicator and its targets. Send the version you read. Answers with its plan.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        plans.MapGet("/coverage", async (ActionPlanQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.CoverageAsync(ct)))
            .RequireAuthorization(ActionPlansPermissions.ReadAll)
            .WithSummary("Coverage matrix: for every measure of the strategy in force, how many activities each plan has under it, and the measures no plan addresses.");
        plans.MapGet("/activities/mine", async (int? page, int? pageSize, ActionPlanQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.MyActivitiesAsync(page, pageSize, ct)))
            .RequireAuthorization(ActionPlansPermissions.Read)
            .WithSummary("My activities: those your institution leads or partners, in every plan, by end date, paged.");
        plans.MapGet("/reports/due", async (ActionPlanQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.MyReportsDueAsync(ct)))
            .RequireAuthorization(ActionPlansPermissions.Read)
            .WithSummary("My reports due: each activity your institution leads and each period begun, without a submitted report, earliest due first.");
        plans.MapGet("/activities/{id:guid}", async Task<Results<Ok<ActivityDetail>, ProblemHttpResult>> (Guid id, ActionPlanQueries queries, CancellationToken ct) =>
                await queries.FindActivityAsync(id, ct) is { } activity ? TypedResults.Ok(activity) : NotFound())
            .RequireAuthorization(ActionPlansPermissions.Read)
            .WithSummary("One activity: measures, lead and partners, status history, budget, indicators and its reports per period.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        plans.MapPut("/activities/{id:guid}", async Task<Results<Ok<ActivityDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] ActivityInput input, SaveActivity save, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await save.UpdateAsync(id, input, ct), () => queries.FindActivityAsync(id, ct)))
            .RequireAuthorization(ActionPlansPermissions.Manage)
            .WithSummary("Change an activity (the plan's owner). Send the version you read.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPost("/activities/{id:guid}/status", async Task<Results<Ok<ActivityDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] ActivityStatusInput input, RecordActivityStatus record, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await record.RecordAsync(id, input, ct), () => queries.FindActivityAsync(id, ct)))
            .RequireAuthorization(ActionPlansPermissions.Read)
            .WithSummary("Record the activity's status and percent complete, with a reason when cancelled or late (the lead institution or the plan's owner).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPost("/activities/{id:guid}/budget", async Task<Results<Ok<ActivityDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] BudgetLineInput input, SaveBudgetLine save, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await save.CreateAsync(id, input, ct), () => queries.FindActivityAsync(id, ct)))
            .RequireAuthorization(ActionPlansPermissions.Manage)
            .WithSummary("Add a budget line: year, source (State, Entity, Canton, Municipal, Donor with donorName), plannedMinor and executedMinor in fening (1 KM = 100).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPut("/budget/{id:guid}", async Task<Results<Ok<ActivityDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] BudgetLineInput input, SaveBudgetLine save, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await save.UpdateAsync(id, input, ct), async () => await queries.ActivityOfBudgetLineAsync(id, ct) is { } activity ? await queries.FindActivityAsync(activity, ct) : null))
            .RequireAuthorization(ActionPlansPermissions.Read)
            .WithSummary("Change a budget line's amounts: the owner both, the lead institution the executed amount. Send the version you read. Answers with the activity.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        plans.MapPut("/activities/{id:guid}/reports/{periodId:guid}", async Task<Results<Ok<ReportDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, Guid periodId, [FromBody] ReportInput input, SaveReport save, ActionPlanQueries queries, CancellationToken ct) =>
            {
                var outcome = await save.SaveAsync(id, periodId, input, ct);
                return await ChangedAsync(outcome, () => outcome.Status == EditStatus.Done ? queries.FindReportAsync(Guid.Parse(outcome.Key!), ct) : Task.FromResult<ReportDetail?>(null));
            })
            .RequireAuthorization(ActionPlansPermissions.Report)
            .WithSummary("Write (or rewrite once returned) your institution's report on the activity for the period: reportedStatus, percentComplete, narrative, spentMinor, indicatorValues with breakdown. Send the version once it exists.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapGet("/reports/{id:guid}", async Task<Results<Ok<ReportDetail>, ProblemHttpResult>> (Guid id, ActionPlanQueries queries, CancellationToken ct) =>
                await queries.FindReportAsync(id, ct) is { } report ? TypedResults.Ok(report) : NotFound())
            .RequireAuthorization(ActionPlansPermissions.Read)
            .WithSummary("One progress report with its indicator values, reviews and corrections. Evidence files: /api/v1/files?recordType=ActionPlanReport&recordId={id}.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        plans.MapPost("/reports/{id:guid}/submit", async Task<Results<Ok<ReportDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] VersionInput input, SubmitReport submit, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await submit.SubmitAsync(id, input.Version, ct), () => queries.FindReportAsync(id, ct)))
            .RequireAuthorization(ActionPlansPermissions.Report)
            .WithSummary("Submit the report for review; the plan's coordination body is notified.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPost("/reports/{id:guid}/review", async Task<Results<Ok<ReportDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] ReviewInput input, ReviewReport review, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await review.ReviewAsync(id, input, ct), () => queries.FindReportAsync(id, ct)))
            .RequireAuthorization(ActionPlansPermissions.Read)
            .WithSummary("Review a report: level Coordination (the plan's owner) then MonitoringTeam; decision Accepted or Returned (with a comment).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPost("/reports/{id:guid}/corrections", async Task<Results<Ok<ReportDetail>, ProblemHttpResult, ValidationProblem>> (Guid id, [FromBody] CorrectionInput input, CorrectReport correct, ActionPlanQueries queries, CancellationToken ct) =>
                await ChangedAsync(await correct.CorrectAsync(id, input, ct), () => queries.FindReportAsync(id, ct)))
            .RequireAuthorization(ActionPlansPermissions.Monitor)
            .WithSummary("Correct a report of a locked period, with a reason: the fields given replace the old ones; before and after are kept.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Created<T>, ProblemHttpResult, ValidationProblem>> CreatedAsync<T>(EditOutcome outcome, Func<Guid, Task<T?>> read, Func<Guid, string> location)
        where T : class
    {
        if (Refused(outcome) is { } refused)
        {
            return refused;
        }

        if (outcome.Status == EditStatus.Invalid)
        {
            return Invalid(outcome);
        }

        var id = Guid.Parse(outcome.Key!);
        return await read(id) is { } view ? TypedResults.Created(location(id), view) : NotFound();
    }

    private static async Task<Results<Ok<T>, ProblemHttpResult, ValidationProblem>> ChangedAsync<T>(EditOutcome outcome, Func<Task<T?>> read)
        where T : class
    {
        if (Refused(outcome) is { } refused)
        {
            return refused;
        }

        if (outcome.Status == EditStatus.Invalid)
        {
            return Invalid(outcome);
        }

        return await read() is { } view ? TypedResults.Ok(view) : NotFound();
    }

    private static ProblemHttpResult? Refused(EditOutcome outcome) => outcome.Status switch
    {
        EditStatus.NotFound => NotFound(),
        EditStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", detail: "You read this, but your institution or role may not make this change."),
        EditStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The record was changed by someone else.", detail: "Read it again: it was changed meanwhile."),
        _ => null,
    };

    private static ValidationProblem Invalid(EditOutcome outcome) =>
        TypedResults.ValidationProblem(outcome.Errors!.ToDictionary(e => e.Key, e => new[] { e.Value }));

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "There is no such record in your reach.");

    public sealed record VersionInput(int? Version);
}
