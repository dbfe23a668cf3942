namespace Spona.Web.Features.Shared;

/// <summary>Opens a data file compiled into the application (seed data, the strategy catalogue).</summary>
internal static class EmbeddedFile
{
    /// <summary>Opens the resource whose manifest name ends with <paramref name="suffix"/>, e.g. "Seed.jurisdictions.json".</summary>
    public static Stream Open(string suffix)
    {
        var assembly = typeof(EmbeddedFile).Assembly;
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + suffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The embedded file {suffix} is missing.");
        return assembly.GetManifestResourceStream(name)!;
    }
}
