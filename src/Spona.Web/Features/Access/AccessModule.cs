using Microsoft.AspNetCore.Mvc;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Api;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Access;

/// <summary>Break the glass: open a record outside one's scope with a reason; review of all such openings.</summary>
public sealed class AccessModule : ISponaModule
{
    public int Order => 40;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizePage("/Access/BreakGlass", Permissions.AccessBreakGlass);
            options.Conventions.AuthorizePage("/Access/Review", Permissions.AccessReview);
        });
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        var access = routes.MapApiGroup("access", "Access");
        access.MapPost("/break-glass", async ([FromBody] BreakGlassInput input, BreakGlassService service, CancellationToken ct) =>
            {
                var (grant, field, error, notFound) = await service.OpenAsync(input.RecordType, input.RecordId ?? Guid.Empty, input.Reason, ct);
                return grant is not null ? Results.Created($"/api/v1/access/break-glass/{grant.Id}", grant)
                    : notFound ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "There is no such record.")
                    : Results.ValidationProblem(new Dictionary<string, string[]> { [field!] = [error!] });
            })
            .RequireAuthorization(Permissions.AccessBreakGlass).WithSummary("Open a record outside your scope, stating why; access lasts a few hours and is reviewed.")
            .Produces<BreakGlassView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        access.MapGet("/break-glass", async (int? page, int? pageSize, BreakGlassService service, CancellationToken ct) => Results.Ok(await service.ListAsync(page, pageSize, ct)))
            .RequireAuthorization(Permissions.AccessReview).ReadsPersonalData(nameof(RecordAccessGrant)).WithSummary("Every break-the-glass access, newest first.").Produces<PagedResult<BreakGlassView>>();
    }

    public sealed record BreakGlassInput(string? RecordType, Guid? RecordId, [property: System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.MultilineText)] string? Reason);
}
