using Microsoft.Extensions.Options;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Files;
using Spona.Web.Platform.Modules;

namespace Spona.Web.Features.Files;

/// <summary>
/// Files attached to records: the API and the generic attachments page of any record (<c>/files/record/{type}/{id}</c>),
/// whose list and upload form (<c>_Attachments</c>) a record's own page can include. The storage and the checks are in
/// Platform/Files (ADR 0020).
/// </summary>
public sealed class FilesModule : ISponaModule
{
    public int Order => 90;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSponaFiles();
        services.AddOptions<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>().Configure<IOptions<FilesOptions>>((options, files) =>
        {
            options.Conventions.AuthorizePage("/Files/Record", Permissions.FilesRead);
            // The whole request may carry one file of Files:MaxBytes and its form; Kestrel refuses more before it is read.
            options.Conventions.AddPageApplicationModelConvention("/Files/Record", model =>
                model.EndpointMetadata.Add(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(files.Value.RequestLimit)));
        });
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        FileEndpoints.Map(routes, routes.ServiceProvider.GetRequiredService<IOptions<FilesOptions>>().Value);
        // Resolved now so that a storage folder that cannot be created stops the start, naming Files:Directory.
        _ = routes.ServiceProvider.GetRequiredService<EncryptedFileStore>();
    }
}
