using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Platform.Audit;

/// <summary>S15 on real reads: one user reading more distinct accounts than the threshold raises the insider alert.</summary>
public sealed class InsiderAlertOnReadsTests(InsiderAlertOnReadsTests.Fixture app) : IClassFixture<InsiderAlertOnReadsTests.Fixture>
{
    public sealed class Fixture : AppFixture
    {
        public const int Threshold = 3;

        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Alerts:ReadsPerWindow"] = Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    [Fact]
    public async Task ReadingMoreAccountsThanTheThreshold_RaisesTheAlert_AndNotBefore()
    {
        var adminEmail = await app.CreateUserAsync(Roles.SystemAdministrator);
        var admin = app.Factory.CreateBrowser();
        await Html.SignInAsync(admin, adminEmail, AppFixture.Password);
        var adminId = await app.UserIdAsync(adminEmail);
        var auditor = await app.SignedInClientAsync(Roles.Auditor);
        var people = new List<Guid>();
        for (var i = 0; i <= Fixture.Threshold; i++)
        {
            people.Add(await app.UserIdAsync(await app.CreateUserAsync(Roles.CaseWorker)));
        }

        foreach (var person in people.Take(Fixture.Threshold))
        {
            await admin.GetJsonAsync($"/api/v1/users/{person}");
        }

        var before = await auditor.GetJsonAsync("/api/v1/audit/alerts");
        Assert.DoesNotContain(before.EnumerateArray(), a => a.GetProperty("userId").GetString() == adminId.ToString());

        await Html.GetAsync(admin, $"/admin/users/{people[^1]}");

        var after = await auditor.GetJsonAsync("/api/v1/audit/alerts");
        var alert = Assert.Single(after.EnumerateArray(), a => a.GetProperty("userId").GetString() == adminId.ToString());
        Assert.True(alert.GetProperty("distinctRecords").GetInt32() > Fixture.Threshold);
        var page = await Html.GetAsync(auditor, "/audit/alerts");
        Assert.Contains(adminEmail, page.Body!.TextContent, StringComparison.Ordinal);
    }
}
