namespace Spona.Tests.Platform;

/// <summary>Start-up refuses a wrong configuration with one sentence naming the key and a non-zero exit code.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Start_UnknownProvider_ExitsNonZeroNamingTheKey()
    {
        var (exitCode, _, error) = await ProcessRunner.RunAsync(
            new Dictionary<string, string> { ["Database__Provider"] = "Oracle", ["DataDirectory"] = Path.GetTempPath() },
            TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("'Database:Provider'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnreachablePostgres_ExitsNonZeroNamingTheKey()
    {
        var (exitCode, _, error) = await ProcessRunner.RunAsync(
            new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["Database__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=spona;Username=spona;Password=canary-pw-77;Timeout=3",
                ["DataDirectory"] = Path.GetTempPath(),
            },
            TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("'Database:ConnectionString'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("canary-pw-77", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnwritableDataDirectory_ExitsNonZeroNamingTheKey()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (exitCode, _, error) = await ProcessRunner.RunAsync(
                new Dictionary<string, string> { ["DataDirectory"] = Path.Combine(file, "data") }, TimeSpan.FromSeconds(60));

            Assert.NotEqual(0, exitCode);
            Assert.Contains("'DataDirectory'", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("ReverseProxy__KnownNetworks", "10.0.0.0/99", "ReverseProxy:KnownNetworks")]
    [InlineData("RateLimits__SignInPerMinute", "ten", "RateLimits:SignInPerMinute")]
    [InlineData("RateLimits__ApiPerMinute", "-5", "RateLimits:ApiPerMinute")]
    public async Task Start_MalformedSetting_ExitsNonZeroNamingTheKey(string variable, string value, string key)
    {
        var (exitCode, _, error) = await ProcessRunner.RunAsync(
            new Dictionary<string, string> { [variable] = value, ["DataDirectory"] = Path.GetTempPath() },
            TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"'{key}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Start_FreshDataDirectory_ServesTheSignInPageAndPrintsTheSetupLink(string environment)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "spona-start-" + Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ProcessRunner.Executable);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["DataDirectory"] = dataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            if (environment == "Production")
            {
                // As behind the reverse proxy (loopback is trusted by default), which terminates TLS.
                http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            }

            HttpResponseMessage? response = null;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (response?.StatusCode != System.Net.HttpStatusCode.OK && waited.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(200);
                try
                {
                    response = await http.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
                }
                catch (HttpRequestException)
                {
                }
            }

            string log;
            lock (output)
            {
                log = output.ToString();
            }

            Assert.True(response?.StatusCode == System.Net.HttpStatusCode.OK, $"sign-in page: {response?.StatusCode}\n{log}");
            Assert.Matches(@"/setup\?token=[0-9a-f]{64}", log);
            Assert.True(File.Exists(Path.Combine(dataDirectory, "spona.db")));
            Assert.DoesNotContain("fail:", log, StringComparison.Ordinal);
            if (environment == "Production")
            {
                using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                var refused = await plain.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.Contains("HTTPS only", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.Equal(System.Net.HttpStatusCode.OK, (await plain.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
