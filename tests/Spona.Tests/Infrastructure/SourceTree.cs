namespace Spona.Tests.Infrastructure;

/// <summary>The checked-out sources, for tests that read them (translations, architecture).</summary>
public static class SourceTree
{
    public static string WebProject { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Spona.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Spona.slnx not found above the test output."), "src", "Spona.Web");
    }
}
