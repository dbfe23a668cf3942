using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Platform;

/// <summary>Canary values typed into the application never reach its logs.</summary>
public sealed class PersonalDataInLogsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AccountJourney_LeavesNoPersonalDataInLogs()
    {
        const string canaryName = "Canaryname Zxqvelic";
        const string canaryEmail = "canary.zxq81@example.test";
        const string canaryPassword = "canary password never logged 93";
        await app.CreateUserAsync(Roles.Analyst, canaryEmail, canaryName);
        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, canaryEmail, AppFixture.Password);
        await Html.GetAsync(client, "/");
        var failed = app.Factory.CreateBrowser();
        var page = await Html.GetAsync(failed, "/account/sign-in");
        await Html.SubmitAsync(failed, page, "main form", new Dictionary<string, string> { ["Input.Email"] = canaryEmail, ["Input.Password"] = canaryPassword });

        Assert.NotEmpty(app.Factory.Logs.Lines);
        foreach (var canary in new[] { canaryName, canaryEmail, canaryPassword, "Zxqvelic", "zxq81" })
        {
            Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.Contains(canary, StringComparison.OrdinalIgnoreCase));
        }
    }
}
