using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Api;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.ReferenceData;

/// <summary>
/// Reference data API. Lists take <c>search</c>, <c>sort</c> (<c>name</c>, <c>-name</c>, <c>code</c>, <c>-code</c>),
/// <c>page</c> and <c>pageSize</c> (at most 200). Updates carry the <c>version</c> read before; a stale one gets 409.
/// </summary>
internal static class ReferenceDataEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var jurisdictions = app.MapApiGroup("jurisdictions", "Reference data");
        jurisdictions.MapGet("", async (string? search, JurisdictionKind? kind, string? sort, int? page, int? pageSize, ReferenceDataQueries queries, CancellationToken ct) =>
                SearchInput.Check(search) ?? Results.Ok(await queries.ListJurisdictionsAsync(Culture(), search, kind, sort, page, pageSize, ct)))
            .RequireAuthorization(ReferenceDataPermissions.Read).WithSummary("Jurisdictions of Bosnia and Herzegovina, searchable and paged.").Produces<PagedResult<ReferenceDataQueries.JurisdictionView>>().ProducesValidationProblem();
        jurisdictions.MapGet("/{code}", async (string code, ReferenceDataQueries queries, CancellationToken ct) =>
                await queries.GetJurisdictionAsync(code, Culture(), ct) is { } found ? Results.Ok(found) : NotFound("jurisdiction", code))
            .RequireAuthorization(ReferenceDataPermissions.Read).WithSummary("One jurisdiction.").Produces<ReferenceDataQueries.JurisdictionView>().ProducesProblem(StatusCodes.Status404NotFound);
        jurisdictions.MapPost("", async ([FromBody] JurisdictionInput input, SaveJurisdiction save, ReferenceDataQueries queries, CancellationToken ct) =>
                await (await save.SaveJurisdictionAsync(null, input, ct)).ToCreatedResultAsync("/api/v1/jurisdictions/{0}", async () => await queries.GetJurisdictionAsync(input.Code, Culture(), ct)))
            .RequireAuthorization(ReferenceDataPermissions.Manage).WithSummary("Add a jurisdiction.").Produces<ReferenceDataQueries.JurisdictionView>(StatusCodes.Status201Created).ProducesValidationProblem();
        jurisdictions.MapPut("/{code}", async (string code, [FromBody] JurisdictionInput input, SaveJurisdiction save, ReferenceDataQueries queries, CancellationToken ct) =>
                await (await save.SaveJurisdictionAsync(code, input, ct)).ToApiResultAsync(async () => await queries.GetJurisdictionAsync(code, Culture(), ct)))
            .RequireAuthorization(ReferenceDataPermissions.Manage).WithSummary("Change a jurisdiction.").Produces<ReferenceDataQueries.JurisdictionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var institutions = app.MapApiGroup("institutions", "Reference data");
        institutions.MapGet("", async (string? search, InstitutionType? type, string? jurisdiction, string? sort, int? page, int? pageSize, ReferenceDataQueries queries, CancellationToken ct) =>
                SearchInput.Check(search) ?? Results.Ok(await queries.ListInstitutionsAsync(Culture(), search, type, jurisdiction, sort, page, pageSize, ct)))
            .RequireAuthorization(ReferenceDataPermissions.Read).WithSummary("Institutions and organisations, searchable and paged.").Produces<PagedResult<ReferenceDataQueries.InstitutionView>>().ProducesValidationProblem();
        institutions.MapGet("/{code}", async (string code, ReferenceDataQueries queries, CancellationToken ct) =>
                await queries.GetInstitutionAsync(code, Culture(), ct) is { } found ? Results.Ok(found) : NotFound("institution", code))
            .RequireAuthorization(ReferenceDataPermissions.Read).WithSummary("One institution.").Produces<ReferenceDataQueries.InstitutionView>().ProducesProblem(StatusCodes.Status404NotFound);
        institutions.MapPost("", async ([FromBody] InstitutionInput input, SaveInstitution save, ReferenceDataQueries queries, CancellationToken ct) =>
                await (await save.SaveInstitutionAsync(null, input, ct)).ToCreatedResultAsync("/api/v1/institutions/{0}", async () => await queries.GetInstitutionAsync(input.Code, Culture(), ct)))
            .RequireAuthorization(ReferenceDataPermissions.Manage).WithSummary("Add an institution.").Produces<ReferenceDataQueries.InstitutionView>(StatusCodes.Status201Created).ProducesValidationProblem();
        institutions.MapPut("/{code}", async (string code, [FromBody] InstitutionInput input, SaveInstitution save, ReferenceDataQueries queries, CancellationToken ct) =>
                await (await save.SaveInstitutionAsync(code, input, ct)).ToApiResultAsync(async () => await queries.GetInstitutionAsync(code, Culture(), ct)))
            .RequireAuthorization(ReferenceDataPermissions.Manage).WithSummary("Change an institution.").Produces<ReferenceDataQueries.InstitutionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var lists = app.MapApiGroup("code-lists", "Reference data");
        lists.MapGet("", async (ReferenceDataQueries queries, CancellationToken ct) => Results.Ok(await queries.ListCodeListsAsync(Culture(), ct)))
            .RequireAuthorization(ReferenceDataPermissions.Read).WithSummary("The code lists.").Produces<IReadOnlyList<ReferenceDataQueries.CodeListView>>();
        lists.MapGet("/{key}", async (string key, string? search, bool? includeInactive, string? sort, int? page, int? pageSize, ReferenceDataQueries queries, CancellationToken ct) =>
                SearchInput.Check(search)
                ?? (await queries.ListCodeItemsAsync(key, Culture(), search, includeInactive ?? false, sort, page, pageSize, ct) is { } items ? Results.Ok(items) : NotFound("code list", key)))
            .RequireAuthorization(ReferenceDataPermissions.Read).WithSummary("The items of one code list, labels in the request's language.").Produces<PagedResult<ReferenceDataQueries.CodeItemView>>().ProducesProblem(StatusCodes.Status404NotFound);
        lists.MapGet("/{key}/items/{code}", async (string key, string code, ReferenceDataQueries queries, CancellationToken ct) =>
                await queries.GetCodeItemAsync(key, code, Culture(), ct) is { } item ? Results.Ok(item) : NotFound("code", code))
            .RequireAuthorization(ReferenceDataPermissions.Read).WithSummary("One item of a code list.").Produces<ReferenceDataQueries.CodeItemView>().ProducesProblem(StatusCodes.Status404NotFound);
        lists.MapPost("/{key}/items", async (string key, [FromBody] CodeItemInput input, SaveCodeItem save, ReferenceDataQueries queries, CancellationToken ct) =>
                await (await save.SaveCodeItemAsync(key, null, input, ct)).ToCreatedResultAsync($"/api/v1/code-lists/{key}/items/{{0}}", async () => await queries.GetCodeItemAsync(key, input.Code, Culture(), ct)))
            .RequireAuthorization(ReferenceDataPermissions.Manage).WithSummary("Add an item to a code list.").Produces<ReferenceDataQueries.CodeItemView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        lists.MapPut("/{key}/items/{code}", async (string key, string code, [FromBody] CodeItemInput input, SaveCodeItem save, ReferenceDataQueries queries, CancellationToken ct) =>
                await (await save.SaveCodeItemAsync(key, code, input, ct)).ToApiResultAsync(async () => await queries.GetCodeItemAsync(key, code, Culture(), ct)))
            .RequireAuthorization(ReferenceDataPermissions.Manage).WithSummary("Change the labels of an item, or deactivate it.").Produces<ReferenceDataQueries.CodeItemView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static IResult NotFound(string what, string key) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: string.Create(CultureInfo.InvariantCulture, $"There is no {what} '{key}'."));

    private static string Culture() => SupportedCultures.Normalize(CultureInfo.CurrentUICulture);
}
