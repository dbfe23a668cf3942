using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Spona.Web.Platform.Configuration;
using Spona.Web.Platform.Protection;

namespace Spona.Tests.Platform.Protection;

/// <summary>Keys outside the database: created private, refused when readable by others, or given as SPONA_KEYS.</summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "spona-keys-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IConfiguration Config(Dictionary<string, string?>? values = null) => new ConfigurationBuilder().AddInMemoryCollection(values ?? []).Build();

    [Fact]
    public void FirstStart_CreatesAPrivateFolderAndFile_AndTheSameKeysNextTime()
    {
        var ring = KeyRing.Load(Config(), directory, new FakeTimeProvider());
        var folder = Path.Combine(directory, "keys");

        Assert.Equal(Path.Combine(folder, KeyRing.FileName), ring.FilePath);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ring.FilePath!));
        }

        var again = KeyRing.Load(Config(), directory, new FakeTimeProvider());
        Assert.Equal(ring.ActiveKey.Id, again.ActiveKey.Id);
        Assert.Equal(ring.BlindIndexKeyId, again.BlindIndexKeyId);
        Assert.NotEqual(ring.ActiveKey.Id, ring.BlindIndexKeyId);
    }

    [Fact]
    public void GroupReadableKeyFile_IsRefusedWithOneLineNamingTheFile()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var ring = KeyRing.Load(Config(), directory, new FakeTimeProvider());
        File.SetUnixFileMode(ring.FilePath!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var ex = Assert.Throws<StartupConfigurationException>(() => KeyRing.Load(Config(), directory, new FakeTimeProvider()));

        Assert.Contains(ring.FilePath!, ex.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void OthersReadableKeyFolder_IsRefused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Path.Combine(directory, "keys");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var ex = Assert.Throws<StartupConfigurationException>(() => KeyRing.Load(Config(), directory, new FakeTimeProvider()));

        Assert.Contains("chmod 700", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Material_FromConfiguration_IsUsedAndNoFolderIsCreated()
    {
        var exported = KeyRing.CreateEphemeral(new FakeTimeProvider());

        var ring = KeyRing.Load(Config(new() { [KeyRing.MaterialKey] = exported.Export() }), directory, new FakeTimeProvider());

        Assert.Null(ring.FilePath);
        Assert.Equal(exported.ActiveKey.Id, ring.ActiveKey.Id);
        Assert.False(Directory.Exists(Path.Combine(directory, "keys")));
        Assert.Throws<InvalidOperationException>(ring.Rotate);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("e30=")]
    public void BadMaterial_IsRefusedNamingTheKey(string material)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => KeyRing.Load(Config(new() { [KeyRing.MaterialKey] = material }), directory, new FakeTimeProvider()));

        Assert.Contains("Keys:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotate_AddsAnActiveKey_RetiresTheOld_AndOldValuesStillDecrypt()
    {
        var ring = KeyRing.Load(Config(), directory, new FakeTimeProvider());
        var protector = new FieldProtector(ring);
        var old = protector.Encrypt("T.C", "value");

        var key = ring.Rotate();

        Assert.Equal(key.Id, ring.ActiveKey.Id);
        Assert.Equal(2, ring.DataKeys.Count);
        Assert.Equal("value", protector.Decrypt("T.C", old));
        Assert.StartsWith(FieldProtector.PrefixFor(key.Id), protector.Encrypt("T.C", "value"), StringComparison.Ordinal);
        var reloaded = KeyRing.Load(Config(), directory, new FakeTimeProvider());
        Assert.Equal(key.Id, reloaded.ActiveKey.Id);
        Assert.Equal("value", new FieldProtector(reloaded).Decrypt("T.C", old));
    }

    [Fact]
    public void UnknownKeyId_IsLookedUpAgainInTheFile_AfterARotationByAnotherProcess()
    {
        var web = KeyRing.Load(Config(), directory, new FakeTimeProvider());
        var cli = KeyRing.Load(Config(), directory, new FakeTimeProvider());
        cli.Rotate();
        var fromCli = new FieldProtector(cli).Encrypt("T.C", "value");

        Assert.Equal("value", new FieldProtector(web).Decrypt("T.C", fromCli));
    }

    [Fact]
    public async Task StartWithGroupReadableKeys_IsRefusedInOneLine()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var ring = KeyRing.Load(Config(), directory, new FakeTimeProvider());
        File.SetUnixFileMode(ring.FilePath!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var (exitCode, output, error) = await ProcessRunner.RunAsync(new Dictionary<string, string> { ["DataDirectory"] = directory }, TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("chmod 600", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }
}
