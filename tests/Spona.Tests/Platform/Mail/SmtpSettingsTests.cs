using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Spona.Web.Platform.Configuration;
using Spona.Web.Platform.Mail;

namespace Spona.Tests.Platform.Mail;

/// <summary>The Smtp settings are a contract: a wrong value stops the start with one sentence naming the key.</summary>
public sealed class SmtpSettingsTests
{
    private static SmtpSettings? Load(params (string Key, string Value)[] values) =>
        SmtpSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Smtp:" + v.Key, v.Value))).Build());

    [Fact]
    public void NoHost_MeansNoEmail()
    {
        Assert.Null(Load());
    }

    [Theory]
    [InlineData("None", SecureSocketOptions.None, 25)]
    [InlineData("starttls", SecureSocketOptions.StartTls, 587)]
    [InlineData("SslOnConnect", SecureSocketOptions.SslOnConnect, 465)]
    [InlineData("Auto", SecureSocketOptions.Auto, 587)]
    public void Security_TakesMailKitsNames_AndChoosesItsUsualPort(string value, SecureSocketOptions expected, int port)
    {
        var settings = Load(("Host", "mail.example.test"), ("From", "Spona <spona@example.test>"), ("Security", value))!;

        Assert.Equal(expected, settings.Security);
        Assert.Equal(port, settings.Port);
        Assert.Equal("spona@example.test", settings.From.Address);
    }

    [Theory]
    [InlineData("Security", "Tls", "Smtp:Security")]
    [InlineData("Security", "StartTlsWhenAvailable", "Smtp:Security")]
    [InlineData("Port", "0", "Smtp:Port")]
    [InlineData("Port", "seventy", "Smtp:Port")]
    [InlineData("From", "not an address", "Smtp:From")]
    [InlineData("MaxAttempts", "0", "Smtp:MaxAttempts")]
    [InlineData("Host", "bad host!", "Smtp:Host")]
    [InlineData("LinkBaseUrl", "http://spona.example.test", "Smtp:LinkBaseUrl")]
    [InlineData("LinkBaseUrl", "/notifications", "Smtp:LinkBaseUrl")]
    [InlineData("LinkBaseUrl", "https://spona.example.test/?next=evil", "Smtp:LinkBaseUrl")]
    [InlineData("LinkBaseUrl", "https://user:pass@spona.example.test", "Smtp:LinkBaseUrl")]
    public void WrongValue_StopsTheStart_NamingTheKey(string key, string value, string named)
    {
        var values = new Dictionary<string, string> { ["Host"] = "mail.example.test", ["From"] = "spona@example.test", [key] = value };

        var error = Assert.Throws<StartupConfigurationException>(() => Load([.. values.Select(v => (v.Key, v.Value))]));

        Assert.Contains($"'{named}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("https://spona.example.test", "https://spona.example.test/")]
    [InlineData(" https://spona.example.test/spona/ ", "https://spona.example.test/spona")]
    public void LinkBaseUrl_IsOptional_AndAnAbsoluteHttpsAddress(string? value, string? expected)
    {
        var values = new List<(string, string)> { ("Host", "mail.example.test"), ("From", "spona@example.test") };
        if (value is not null)
        {
            values.Add(("LinkBaseUrl", value));
        }

        Assert.Equal(expected, Load([.. values])!.LinkBaseUrl?.AbsoluteUri);
    }

    [Fact]
    public void MissingFrom_StopsTheStart()
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Load(("Host", "mail.example.test")));

        Assert.Contains("'Smtp:From' is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UserNameWithoutPassword_StopsTheStart_AndAPasswordIsNeverRepeated()
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Load(("Host", "mail.example.test"), ("From", "spona@example.test"), ("Password", "synthetic-secret-9")));
        var settings = Load(("Host", "mail.example.test"), ("From", "spona@example.test"), ("UserName", "spona"), ("Password", "synthetic-secret-9"))!;

        Assert.Contains("'Smtp:UserName' and 'Smtp:Password'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("synthetic-secret-9", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("synthetic-secret-9", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsWithoutHost_StopTheStart()
    {
        var error = Assert.Throws<StartupConfigurationException>(() => Load(("From", "spona@example.test")));

        Assert.Contains("'Smtp:Host'", error.Message, StringComparison.Ordinal);
    }
}
