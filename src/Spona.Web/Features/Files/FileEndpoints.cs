using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Spona.Web.Platform.Api;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Files;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Files;

/// <summary>
/// The files API. Every route reaches a file only through its record's scope and answers 404 otherwise, without
/// telling whether the record or the file exists; every route that shows a file or its content writes read entries.
/// </summary>
internal static class FileEndpoints
{
    public static void Map(IEndpointRouteBuilder app, FilesOptions options)
    {
        var records = app.MapApiGroup("records", "Files");
        records.MapPost("/{recordType}/{recordId:guid}/files", UploadAsync)
            .RequireAuthorization(Permissions.FilesAttach).ReadsPersonalData(nameof(StoredFile))
            // The form is read by the handler (after the record check), never bound before it; a signed-in session must
            // send the antiforgery token, an API token needs none (it is not sent by a browser on its own).
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(options.RequestLimit))
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Attach one file (multipart/form-data, field \"file\") to a record you reach. Accepted by content, whatever the name says: PDF, PNG, JPEG, DOCX, XLSX, ODT, up to Files:MaxBytes (413 above it, 415 for any other kind). 404 when the record type or the record is unknown or out of your reach.")
            .Produces<StoredFileView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        records.MapGet("/{recordType}/{recordId:guid}/files", async (string recordType, Guid recordId, int? page, int? pageSize, RecordFiles files, CancellationToken ct) =>
            {
                var (list, refusal) = await files.ListAsync(recordType, recordId, page, pageSize, ct);
                return list is not null ? Results.Ok(list) : Problem(refusal!);
            })
            .RequireAuthorization(Permissions.FilesRead).ReadsPersonalData(nameof(StoredFile))
            .WithSummary("The files attached to a record you reach, newest first, paged (page, pageSize); deleted files are not listed.")
            .Produces<PagedResult<StoredFileView>>().ProducesProblem(StatusCodes.Status404NotFound);

        var files = app.MapApiGroup("files", "Files");
        files.MapGet("/{id:guid}", async (Guid id, RecordFiles files, CancellationToken ct) =>
                await files.FindAsync(id, ct) is { } file ? Results.Ok(file) : Problem(FileRefusal.NotFound))
            .RequireAuthorization(Permissions.FilesRead).ReadsPersonalData(nameof(StoredFile))
            .WithSummary("One file's description (name, detected type, size, who attached it, whether it was deleted), if you reach its record.")
            .Produces<StoredFileView>().ProducesProblem(StatusCodes.Status404NotFound);
        files.MapGet("/{id:guid}/content", async (Guid id, HttpContext context, RecordFiles files, CancellationToken ct) =>
            {
                var (file, content, refusal) = await files.OpenAsync(id, ct);
                if (file is null)
                {
                    return Problem(refusal!);
                }

                // Always a download, of the type found in its bytes, never sniffed into something a browser would run.
                context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
                var disposition = new ContentDispositionHeaderValue("attachment");
                disposition.SetHttpFileName(file.FileName);
                context.Response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
                return Results.Bytes(content!, file.ContentType);
            })
            .RequireAuthorization(Permissions.FilesRead).ReadsPersonalData(nameof(StoredFile))
            .WithSummary("Download a file's content (Content-Disposition: attachment, the detected type, nosniff), if you reach its record. A stored content that fails authentication is never served (500).")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound);
        files.MapDelete("/{id:guid}", async (Guid id, [FromBody] DeleteFileInput input, ClaimsPrincipal user, DeleteFile delete, CancellationToken ct) =>
                await delete.DeleteAsync(id, input.Reason, user, ct) is { } refusal
                    ? refusal.Status == StatusCodes.Status400BadRequest ? Results.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [refusal.Text] }) : Problem(refusal)
                    : Results.NoContent())
            .RequireAuthorization(Permissions.FilesAttach)
            .WithSummary("Delete a file, stating why (10 to 500 characters): its description stays with who, when and why; its content is destroyed.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public sealed record DeleteFileInput([property: System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.MultilineText)] string? Reason);

    private static async Task<IResult> UploadAsync(string recordType, Guid recordId, HttpContext context, AttachFile attach, IAntiforgery antiforgery, CancellationToken ct)
    {
        // Nothing of the body is read for a record the caller does not reach.
        if (await attach.CheckRecordAsync(recordType, recordId, ct) is { } refused)
        {
            return Problem(refused);
        }

        if (!context.Request.HasFormContentType)
        {
            return Problem(FileRefusal.NoFile);
        }

        if (!context.User.HasClaim(c => c.Type == RolePermissions.TokenClaim) && !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request.", detail: "The form has expired. Reload the page and try again.");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? Problem(FileRefusal.TooLarge(attach.MaxBytes))
                : Problem(FileRefusal.NoFile);
        }

        if (form.Files.Count != 1)
        {
            return Problem(FileRefusal.NoFile);
        }

        var (file, refusal) = await attach.AttachAsync(recordType, recordId, form.Files[0], context.User, ct);
        return file is not null ? Results.Created($"/api/v1/files/{file.Id}", file) : Problem(refusal!);
    }

    private static IResult Problem(FileRefusal refusal) =>
        Results.Problem(statusCode: refusal.Status, title: refusal.Status == StatusCodes.Status404NotFound ? "Not found." : "The file was not accepted.", detail: refusal.Text);
}
