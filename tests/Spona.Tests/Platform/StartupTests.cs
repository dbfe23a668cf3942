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
}
