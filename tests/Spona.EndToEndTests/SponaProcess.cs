using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Spona.EndToEndTests;

/// <summary>
/// Spona started exactly as an operator starts it (the built executable, a fresh data folder, the embedded SQLite
/// default), listening on a free loopback port. Captures the console to read the first-administrator link.
/// </summary>
public sealed partial class SponaProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource<string> setupLink = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> output = [];

    private SponaProcess(Process process, string baseAddress, string dataDirectory)
    {
        this.process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public string BaseAddress { get; }

    public string DataDirectory { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    /// <summary>
    /// Starts Spona; <paramref name="settings"/> are further configuration values given as environment variables, as
    /// an operator gives them (e.g. <c>Smtp__Host</c>).
    /// </summary>
    public static SponaProcess Start(IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "spona-e2e-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "spona.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["DataDirectory"] = dataDirectory;
        // As after `dotnet run` on a workstation: plain http on loopback.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var spona = new SponaProcess(Process.Start(start)!, $"http://127.0.0.1:{port}", dataDirectory);
        spona.process.OutputDataReceived += (_, e) => spona.Record(e.Data);
        spona.process.ErrorDataReceived += (_, e) => spona.Record(e.Data);
        spona.process.BeginOutputReadLine();
        spona.process.BeginErrorReadLine();
        return spona;
    }

    public async Task<string> WaitForSetupLinkAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(setupLink.Task, Task.Delay(timeout));
        return finished == setupLink.Task
            ? await setupLink.Task
            : throw new TimeoutException("Spona printed no setup link. Output:\n" + Output);
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
        }

        var match = SetupLinkPattern().Match(line);
        if (match.Success)
        {
            setupLink.TrySetResult(match.Value);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Runs an operator command (<c>spona admin create …</c>) on the same data folder, as the operator of the server
    /// would; returns its exit code and output.
    /// </summary>
    public async Task<(int ExitCode, string Output)> RunCommandAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "spona.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DataDirectory"] = DataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var command = Process.Start(start)!;
        var output = command.StandardOutput.ReadToEndAsync();
        var error = command.StandardError.ReadToEndAsync();
        await command.WaitForExitAsync();
        return (command.ExitCode, await output + await error);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"http://\S+/setup\?token=[0-9a-f]{64}")]
    private static partial Regex SetupLinkPattern();
}
