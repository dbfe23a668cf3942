using System.Diagnostics;
using System.Net;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Mail;

namespace Spona.Tests.Platform.Mail;

/// <summary>An SMTP server that is down never fails or holds up a request; the mail is tried again, then given up and erased.</summary>
public sealed class MailServerDownTests(MailServerDownFixture app) : IClassFixture<MailServerDownFixture>
{
    [Fact]
    public async Task Invite_WhileTheMailServerIsDown_Succeeds_AndTheMailIsGivenUpAfterItsAttempts()
    {
        var admin = await app.SignedInClientAsync(Roles.SystemAdministrator);
        var email = $"unreachable-{Guid.NewGuid():N}@example.test";

        var watch = Stopwatch.StartNew();
        var answer = await admin.PostJsonAsync("/api/v1/users", new { email, displayName = "Synthetic Person", institution = "MSB", roles = new[] { Roles.Analyst } }, HttpStatusCode.Created);
        watch.Stop();

        Assert.True(answer.GetProperty("emailed").GetBoolean());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the request took {watch.Elapsed}");
        var row = await MailTables.WaitForRowAsync(app, m => m.Kind == "account.invitation" && m.Status == OutboxMailStatus.Failed);
        Assert.Equal(2, row.Attempts);
        Assert.Null(row.Recipient);
        Assert.Null(row.Body);
        Assert.DoesNotContain(email, row.LastError!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(app.Factory.Logs.Lines, l => l.Contains(email, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(app.Factory.Logs.Lines, l => l.Contains("given up: True", StringComparison.Ordinal));
    }
}
