using System.Diagnostics;

namespace Spona.Tests.Platform;

/// <summary>Runs the real executable (spona.dll from this test's output folder) as an operator would.</summary>
internal static class ProcessRunner
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "spona.dll");

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Executable);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"spona {string.Join(' ', args)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }
}
