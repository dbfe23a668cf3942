using System.Globalization;
using Spona.Tests.Infrastructure;

namespace Spona.Tests.Platform.Mail;

/// <summary>The application sending through a real SMTP server in this test process.</summary>
public sealed class MailFixture : AppFixture, IAsyncLifetime
{
    public TestSmtpServer Smtp { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "Spona <spona@example.test>",
        ["Smtp:PollSeconds"] = "1",
        ["Smtp:RetrySeconds"] = "1",
        ["Smtp:MaxAttempts"] = "3",
    };

    public override async Task InitializeAsync()
    {
        Smtp = TestSmtpServer.Start();
        await base.InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The application configured for an SMTP server that is not there (nothing listens on the port).</summary>
public sealed class MailServerDownFixture : AppFixture
{
    private readonly int port = TestSmtpServer.FreePort();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "spona@example.test",
        ["Smtp:PollSeconds"] = "1",
        ["Smtp:RetrySeconds"] = "1",
        ["Smtp:MaxAttempts"] = "2",
    };
}
