using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Api;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.Strategy;

/// <summary>The catalogue's API. Titles come in the request's language (<c>Accept-Language</c> or <c>?culture=</c>).</summary>
internal static class StrategyEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("strategy", "Strategy");
        group.MapGet("", GetTreeAsync).RequireAuthorization(StrategyPermissions.Read)
            .WithSummary("The strategy in force: general goal, specific goals and their measures.");
        group.MapGet("/measures/{number}", GetMeasureAsync).RequireAuthorization(StrategyPermissions.Read)
            .WithSummary("One measure with its items, amendments and earlier wordings.");
        group.MapPost("/measures/{number}/amendments", RecordAmendmentAsync).RequireAuthorization(StrategyPermissions.Amend)
            .WithSummary("Record an amendment to a measure proposed by the Monitoring Team (1.2.4).");
        group.MapPost("/amendments/{id:guid}/adoption", AdoptAmendmentAsync).RequireAuthorization(StrategyPermissions.Amend)
            .WithSummary("Record the decision that adopted a proposed amendment.")
            .WithDescription("Refused without any change when the amendment is unknown (404), already adopted or its measure is no longer in the strategy in force (409 with a code), or the catalogue changed since `catalogueVersion` (409).")
            .Produces<StrategyCatalogue.MeasureView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<StrategyCatalogue.StrategyTree>, NotFound, ValidationProblem>> GetTreeAsync(string? search, StrategyCatalogue catalogue, CancellationToken cancellationToken)
    {
        if (SearchInput.Problem(search) is { } problem)
        {
            return problem;
        }

        var tree = await catalogue.GetTreeAsync(Culture(), search, cancellationToken);
        return tree is null ? TypedResults.NotFound() : TypedResults.Ok(tree);
    }

    private static async Task<Results<Ok<StrategyCatalogue.MeasureView>, ProblemHttpResult>> GetMeasureAsync(string number, StrategyCatalogue catalogue, CancellationToken cancellationToken)
    {
        var measure = await catalogue.GetMeasureAsync(number, Culture(), cancellationToken);
        return measure is null ? MeasureNotFound(number) : TypedResults.Ok(measure);
    }

    private static async Task<Results<Created<AmendmentCreated>, ProblemHttpResult>> RecordAmendmentAsync(
        string number, AmendmentInput input, ClaimsPrincipal user, AmendmentRecorder recorder, CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var id = await recorder.RecordAsync(number, input, userId, cancellationToken);
        return id is null
            ? MeasureNotFound(number)
            : TypedResults.Created($"/api/v1/strategy/measures/{number}", new AmendmentCreated(id.Value));
    }

    private static async Task<IResult> AdoptAmendmentAsync(
        Guid id, AdoptionInput input, AmendmentAdoption adoption, StrategyCatalogue catalogue, CancellationToken cancellationToken)
    {
        var outcome = await adoption.AdoptAsync(id, measureNumber: null, input, cancellationToken);
        return outcome.Status == EditStatus.NotFound
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such amendment.")
            : await outcome.ToApiResultAsync(async () => await catalogue.GetMeasureAsync(outcome.Key!, Culture(), cancellationToken));
    }

    private static ProblemHttpResult MeasureNotFound(string number) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such measure.",
        detail: string.Create(CultureInfo.InvariantCulture, $"The strategy has no measure '{number}'. Measures are numbered like '4.2'."));

    private static string Culture() => SupportedCultures.Normalize(CultureInfo.CurrentUICulture);

    public sealed record AmendmentCreated(Guid Id);
}
