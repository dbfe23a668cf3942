using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Spona.Web.Platform.Files;

public static class FilesSetup
{
    /// <summary>
    /// Attachments: settings <c>Files:Directory</c> and <c>Files:MaxBytes</c>, the encrypted store and the use cases.
    /// A form carrying a file is held in memory up to the request limit (never spooled to a temporary file in clear).
    /// </summary>
    public static IServiceCollection AddSponaFiles(this IServiceCollection services)
    {
        services.AddOptions<FilesOptions>().BindConfiguration(FilesOptions.Section)
            .Validate(o => o.MaxBytes is >= 1024 and <= FilesOptions.Ceiling, $"{FilesOptions.MaxBytesKey} must be between 1024 and {FilesOptions.Ceiling} bytes.")
            .ValidateOnStart();
        services.AddOptions<FormOptions>().Configure<IOptions<FilesOptions>>((form, files) =>
        {
            var limit = files.Value.RequestLimit;
            form.MultipartBodyLengthLimit = limit;
            form.MemoryBufferThreshold = (int)Math.Min(int.MaxValue, limit);
            form.BufferBodyLengthLimit = limit;
        });
        services.AddSingleton<EncryptedFileStore>();
        services.AddScoped<AttachFile>();
        services.AddScoped<RecordFiles>();
        services.AddScoped<DeleteFile>();
        return services;
    }
}
