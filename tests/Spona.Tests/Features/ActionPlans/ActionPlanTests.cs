using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.ActionPlans;
using Spona.Web.Features.Strategy;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Features.ActionPlans;

/// <summary>
/// Action plans through the API, as their users work: the FBiH coordination body drafts and adopts its plan with an
/// activity under measure 4.2 led by a cantonal ministry, which reports on it; the body returns and then endorses the
/// report, the Monitoring Team accepts it and locks the period; corrections are recorded. Who reads and changes what,
/// bad input that changes nothing, and the escalating reminders on a fake clock.
/// </summary>
public sealed class ActionPlanTests(AppFixture app) : IClassFixture<AppFixture>
{
    private sealed record Person(HttpClient Client, Guid Id, string Email);

    private async Task<Person> PersonAsync(string role, string institutionCode)
    {
        var email = await app.CreateUserAsync(role, displayName: $"Person {Guid.NewGuid():N}"[..20]);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SponaUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            user.InstitutionId = await db.Institutions.Where(i => i.Code == institutionCode).Select(i => i.Id).SingleAsync();
            await users.UpdateAsync(user);
        }

        var client = app.Factory.CreateBrowser();
        await Html.SignInAsync(client, email, AppFixture.Password);
        return new Person(client, await app.UserIdAsync(email), email);
    }

    private async Task<Guid> InstitutionAsync(string code)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Institutions.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();
    }

    private async Task<Guid> JurisdictionAsync(string code)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Jurisdictions.Where(j => j.Code == code).Select(j => j.Id).SingleAsync();
    }

    private async Task<Guid> MeasureAsync(string number)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<StrategyMeasureDirectory>().ListAsync(CancellationToken.None)).Single(m => m.Number == number).Id;
    }

    private static int Version(JsonElement e) => e.GetProperty("version").GetInt32();

    private static Guid IdOf(JsonElement e) => e.GetProperty("id").GetGuid();

    /// <summary>A plan of FBiH (owned by KTFBIH) for a period of its own, adopted or not, with one activity led by <paramref name="leadCode"/>.</summary>
    private async Task<(Guid Plan, Guid Activity, JsonElement Detail)> PlanWithActivityAsync(Person owner, int year, string leadCode = "MUPKS", bool adopt = true, string? partnerCode = null)
    {
        var created = await owner.Client.PostJsonAsync("/api/v1/action-plans", new
        {
            title = new { bs = $"Akcioni plan FBiH {year}", en = $"FBiH action plan {year}" },
            jurisdictionId = await JurisdictionAsync("BA-BIH"),
            periodStart = $"{year}-01-01",
            periodEnd = $"{year}-12-31",
        }, HttpStatusCode.Created);
        var plan = IdOf(created);
        Assert.Equal("Draft", created.GetProperty("status").GetString());
        var activity = await owner.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/activities", new
        {
            title = new { bs = "Obuka policije za identifikaciju žrtava" },
            measureIds = new[] { await MeasureAsync("4.2") },
            leadInstitutionId = await InstitutionAsync(leadCode),
            partnerInstitutionIds = partnerCode is null ? Array.Empty<Guid>() : [await InstitutionAsync(partnerCode)],
            start = $"{year}-02-01",
            end = $"{year}-11-30",
        }, HttpStatusCode.Created);
        var detail = await owner.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/periods", new { kind = "SemiAnnual", dueDays = 15 }, HttpStatusCode.OK);
        if (adopt)
        {
            detail = await owner.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/status", new { status = "Adopted", adoptedOn = $"{year - 1}-12-20", decisionReference = "Odluka Vlade FBiH br. 1/2025", version = Version(detail) }, HttpStatusCode.OK);
            detail = await owner.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/status", new { status = "InForce", version = Version(detail) }, HttpStatusCode.OK);
        }

        return (plan, IdOf(activity), detail);
    }

    [Fact]
    public async Task APlan_GoesFromDraftToLockedPeriod_WithAReturnedAndAcceptedReport()
    {
        var owner = await PersonAsync(Roles.CoordinationTeamMember, "KTFBIH");
        var reporter = await PersonAsync(Roles.InstitutionReporter, "MUPKS");
        var monitor = await PersonAsync(Roles.MonitoringTeamMember, "MONTIM");
        var (plan, activity, detail) = await PlanWithActivityAsync(owner, 2031);
        Assert.Equal("InForce", detail.GetProperty("status").GetString());
        Assert.Equal(2, detail.GetProperty("periods").GetArrayLength());
        var firstHalf = detail.GetProperty("periods")[0];
        Assert.Equal("2031 H1", firstHalf.GetProperty("label").GetString());
        Assert.Equal("2031-07-15", firstHalf.GetProperty("dueOn").GetString());
        var period = IdOf(firstHalf);

        // An indicator of the activity with a target for the half-year.
        detail = await owner.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/indicators", new
        {
            activityId = activity,
            name = "Police officers trained",
            unit = "persons",
            direction = "Increase",
            baselineValue = 10,
            targets = new[] { new { periodId = period, value = 30 } },
        }, HttpStatusCode.OK);
        var indicator = IdOf(detail.GetProperty("indicators")[0]);

        // The ministry writes its report with a disaggregated value, then submits it.
        var report = await reporter.Client.PutJsonAsync($"/api/v1/action-plans/activities/{activity}/reports/{period}", new
        {
            reportedStatus = "InProgress",
            percentComplete = 40,
            narrative = "Two trainings were held in Sarajevo for cantonal police.",
            spentMinor = 1_250_050,
            indicatorValues = new[] { new { indicatorId = indicator, value = 20, source = "Training register", breakdown = new[] { new { dimension = "sex", category = "female", value = 8 }, new { dimension = "sex", category = "male", value = 12 } } } },
        }, HttpStatusCode.OK);
        var reportId = IdOf(report);
        Assert.Equal("Draft", report.GetProperty("state").GetString());
        report = await reporter.Client.PostJsonAsync($"/api/v1/action-plans/reports/{reportId}/submit", new { version = Version(report) }, HttpStatusCode.OK);
        Assert.Equal("Submitted", report.GetProperty("state").GetString());
        Assert.Contains(await NoticesAsync(owner.Id), n => n == ActionPlanOperations.ReportSubmitted.Code);

        // Submitted: the ministry can no longer change it; the Monitoring Team cannot review before the body has.
        await reporter.Client.PutJsonAsync($"/api/v1/action-plans/activities/{activity}/reports/{period}", new { reportedStatus = "InProgress", percentComplete = 50, version = Version(report) }, HttpStatusCode.Conflict);
        await monitor.Client.PostJsonAsync($"/api/v1/action-plans/reports/{reportId}/review", new { level = "MonitoringTeam", decision = "Accepted", version = Version(report) }, HttpStatusCode.Conflict);
        await reporter.Client.PostJsonAsync($"/api/v1/action-plans/reports/{reportId}/review", new { level = "Coordination", decision = "Accepted", version = Version(report) }, HttpStatusCode.Forbidden);

        // Returned with a comment (a return without one is refused), rewritten and resubmitted.
        await owner.Client.PostJsonAsync($"/api/v1/action-plans/reports/{reportId}/review", new { level = "Coordination", decision = "Returned", comment = " ", version = Version(report) }, HttpStatusCode.BadRequest);
        await owner.Client.PostJsonAsync($"/api/v1/action-plans/reports/{reportId}/review", new { level = "Coordination", decision = "Returned", comment = "no", version = Version(report) }, HttpStatusCode.Conflict);
        report = await owner.Client.PostJsonAsync($"/api/v1/action-plans/reports/{reportId}/review", new { level = "Coordination", decision = "Returned", comment = "Say how many were border police.", version = Version(report) }, HttpStatusCode.OK);
        Assert.Equal("Returned", report.GetProperty("state").GetString());
        Assert.Contains(await NoticesAsync(reporter.Id), n => n == ActionPlanOperations.ReportReturned.Code);
        report = await reporter.Client.PutJsonAsync($"/api/v1/action-plans/activities/{activity}/reports/{period}", new
        {
            reportedStatus = "InProgress",
            percentComplete = 45,
            narrative = "Two trainings were held; 5 of the 20 were border police officers.",
            spentMinor = 1_250_050,
            indicatorValues = new[] { new { indicatorId = indicator, value = 20, source = "Training register", breakdown = Array.Empty<object>() } },
            version = Version(report),
        }, HttpStatusCode.OK);
        report = await reporter.Client.PostJsonAsync($"/api/v1/action-plans/reports/{reportId}/submit", new { version = Version(report) }, HttpStatusCode.OK);
        report = await owner.Client.PostJsonAsync($"/api/v1/action-plans/reports/{reportId}/review", new { level = "Coordination", decision = "Accepted", version = Version(report) }, HttpStatusCode.OK);
        Assert.Equal("Endorsed", report.GetProperty("state").GetString());

        // Locking needs every report accepted.
        await monitor.Client.PostJsonAsync($"/api/v1/action-plans/periods/{period}/lock", new { version = Version(firstHalf) }, HttpStatusCode.Conflict);
        report = await monitor.Client.PostJsonAsync($"/api/v1/action-plans/reports/{reportId}/review", new { level = "MonitoringTeam", decision = "Accepted", version = Version(report) }, HttpStatusCode.OK);
        Assert.Equal("Accepted", report.GetProperty("state").GetString());
        Assert.Equal(3, report.GetProperty("reviews").GetArrayLength());

        // The activity takes the accepted progress; the indicator shows the way from baseline 10 to target 30 at 20: half.
        var activityView = await owner.Client.GetJsonAsync($"/api/v1/action-plans/activities/{activity}");
        Assert.Equal(45, activityView.GetProperty("percentComplete").GetInt32());
        var progress = activityView.GetProperty("indicators")[0].GetProperty("periods")[0];
        Assert.Equal(20m, progress.GetProperty("actual").GetDecimal());
        Assert.Equal(0.5m, progress.GetProperty("progress").GetDecimal());

        // The Monitoring Team sees the plan on the coverage matrix under 4.2; a reporting institution may not read it.
        var coverage = await monitor.Client.GetJsonAsync("/api/v1/action-plans/coverage");
        var column = coverage.GetProperty("plans").EnumerateArray().Select(IdOf).ToList().IndexOf(plan);
        var row = coverage.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("number").GetString() == "4.2");
        Assert.Equal(1, row.GetProperty("activities")[column].GetInt32());
        Assert.DoesNotContain("4.2", coverage.GetProperty("uncovered").EnumerateArray().Select(u => u.GetString()));
        await reporter.Client.GetJsonAsync("/api/v1/action-plans/coverage", HttpStatusCode.Forbidden);

        var locked = await monitor.Client.PostJsonAsync($"/api/v1/action-plans/periods/{period}/lock", new { version = Version(firstHalf) }, HttpStatusCode.OK);
        Assert.True(locked.GetProperty("locked").GetBoolean());

        // Locked: nothing changes it but a recorded correction, with a reason, by the Monitoring Team.
        await reporter.Client.PutJsonAsync($"/api/v1/action-plans/activities/{activity}/reports/{period}", new { reportedStatus = "InProgress", percentComplete = 90, narrative = "Changed afterwards, which must be refused.", version = Version(report) }, HttpStatusCode.Conflict);
        await owner.Client.PostJsonAsync($"/api/v1/action-plans/reports/{reportId}/corrections", new { reason = "Typing error in percent", percentComplete = 50, version = Version(report) }, HttpStatusCode.Forbidden);
        await monitor.Client.PostJsonAsync($"/api/v1/action-plans/reports/{reportId}/corrections", new { reason = "short", percentComplete = 50, version = Version(report) }, HttpStatusCode.BadRequest);
        var corrected = await monitor.Client.PostJsonAsync($"/api/v1/action-plans/reports/{reportId}/corrections", new { reason = "Typing error in the percent complete", percentComplete = 50, version = Version(report) }, HttpStatusCode.OK);
        Assert.Equal(50, corrected.GetProperty("percentComplete").GetInt32());
        var correction = Assert.Single(corrected.GetProperty("corrections").EnumerateArray());
        Assert.Contains("\"percentComplete\":45", correction.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"percentComplete\":50", correction.GetProperty("after").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachInstitution_ReadsAndChangesOnlyWhatItsRelationAllows()
    {
        var owner = await PersonAsync(Roles.CoordinationTeamMember, "KTFBIH");
        var reporter = await PersonAsync(Roles.InstitutionReporter, "MUPKS");
        var partner = await PersonAsync(Roles.InstitutionReporter, "FUP");
        var stranger = await PersonAsync(Roles.InstitutionReporter, "MUPRS");
        var otherBody = await PersonAsync(Roles.CoordinationTeamMember, "KTRS");
        var coordinator = await PersonAsync(Roles.StateCoordinatorOffice, "MSB");
        var (plan, activity, detail) = await PlanWithActivityAsync(owner, 2032, partnerCode: "FUP");
        // A second activity that the ministry has nothing to do with.
        var other = IdOf(await owner.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/activities", new
        {
            title = new { en = "Campaign in schools" },
            measureIds = new[] { await MeasureAsync("2.1") },
            leadInstitutionId = await InstitutionAsync("FMON"),
            start = "2032-03-01",
            end = "2032-06-30",
        }, HttpStatusCode.Created));

        // Readers of all, the owner: the whole plan. The lead and the partner: the plan and their activity only.
        foreach (var reader in new[] { owner, coordinator })
        {
            Assert.Equal(2, (await reader.Client.GetJsonAsync($"/api/v1/action-plans/{plan}")).GetProperty("activities").GetArrayLength());
        }

        foreach (var involved in new[] { reporter, partner })
        {
            var seen = await involved.Client.GetJsonAsync($"/api/v1/action-plans/{plan}");
            Assert.Equal(activity, IdOf(Assert.Single(seen.GetProperty("activities").EnumerateArray())));
            await involved.Client.GetJsonAsync($"/api/v1/action-plans/activities/{other}", HttpStatusCode.NotFound);
            Assert.Contains((await involved.Client.GetJsonAsync("/api/v1/action-plans/activities/mine")).GetProperty("items").EnumerateArray(), a => IdOf(a) == activity);
        }

        // Outsiders: not found, not listed.
        foreach (var outsider in new[] { stranger, otherBody })
        {
            await outsider.Client.GetJsonAsync($"/api/v1/action-plans/{plan}", HttpStatusCode.NotFound);
            await outsider.Client.GetJsonAsync($"/api/v1/action-plans/activities/{activity}", HttpStatusCode.NotFound);
            Assert.DoesNotContain((await outsider.Client.GetJsonAsync("/api/v1/action-plans")).GetProperty("items").EnumerateArray(), p => IdOf(p) == plan);
        }

        await otherBody.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/activities", new { title = new { en = "Intruder" } }, HttpStatusCode.NotFound);
        // Another coordination body and the State Coordinator's office do not edit a plan they do not own.
        await coordinator.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/status", new { status = "Closed", version = Version(detail) }, HttpStatusCode.Forbidden);
        // A reporter keeps only its own activity's status, and never the plan.
        var mine = await reporter.Client.GetJsonAsync($"/api/v1/action-plans/activities/{activity}");
        await reporter.Client.PostJsonAsync($"/api/v1/action-plans/activities/{activity}/status", new { status = "InProgress", percentComplete = 10, version = Version(mine) }, HttpStatusCode.OK);
        var partnerView = await partner.Client.GetJsonAsync($"/api/v1/action-plans/activities/{activity}");
        await partner.Client.PostJsonAsync($"/api/v1/action-plans/activities/{activity}/status", new { status = "Completed", percentComplete = 100, version = Version(partnerView) }, HttpStatusCode.Forbidden);
        await reporter.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/activities", new { title = new { en = "Not mine to add" } }, HttpStatusCode.Forbidden);
        var period = IdOf(detail.GetProperty("periods")[0]);
        await partner.Client.PutJsonAsync($"/api/v1/action-plans/activities/{activity}/reports/{period}", new { reportedStatus = "InProgress", percentComplete = 10, narrative = "The partner may not report for the lead." }, HttpStatusCode.Forbidden);

        // The history keeps who (by institution) and when.
        var history = (await owner.Client.GetJsonAsync($"/api/v1/action-plans/activities/{activity}")).GetProperty("history");
        Assert.Equal("InProgress", Assert.Single(history.EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task BadInput_IsRefusedWithAClearError_AndChangesNothing()
    {
        var owner = await PersonAsync(Roles.CoordinationTeamMember, "KTFBIH");
        var reporter = await PersonAsync(Roles.InstitutionReporter, "MUPKS");
        var (plan, activity, detail) = await PlanWithActivityAsync(owner, 2033);
        var before = await CountsAsync();
        var fbih = await JurisdictionAsync("BA-BIH");

        async Task ErrorOn(HttpClient client, string url, object body, string field)
        {
            var problem = await client.PostJsonAsync(url, body, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{url}: {problem.GetRawText()}");
        }

        await ErrorOn(owner.Client, "/api/v1/action-plans", new { title = new { bs = " " }, jurisdictionId = fbih, periodStart = "2040-01-01", periodEnd = "2040-12-31" }, "title");
        await ErrorOn(owner.Client, "/api/v1/action-plans", new { title = new { bs = "X" }, jurisdictionId = await JurisdictionAsync("BA-09-CENTAR"), periodStart = "2040-01-01", periodEnd = "2040-12-31" }, "jurisdictionId");
        await ErrorOn(owner.Client, "/api/v1/action-plans", new { title = new { bs = "X" }, jurisdictionId = fbih, periodEnd = "2040-12-31" }, "periodStart");
        await ErrorOn(owner.Client, $"/api/v1/action-plans/{plan}/activities", new { title = new { bs = "X" }, measureIds = Array.Empty<Guid>(), leadInstitutionId = await InstitutionAsync("MUPKS"), start = "2033-01-01", end = "2033-02-01" }, "measureIds");
        await ErrorOn(owner.Client, $"/api/v1/action-plans/{plan}/activities", new { title = new { bs = "X" }, measureIds = new[] { Guid.NewGuid() }, leadInstitutionId = await InstitutionAsync("MUPKS"), start = "2033-01-01", end = "2033-02-01" }, "measureIds");
        await ErrorOn(owner.Client, $"/api/v1/action-plans/{plan}/activities", new { title = new { bs = "X" }, measureIds = new[] { await MeasureAsync("4.2") }, leadInstitutionId = Guid.NewGuid(), start = "2033-01-01", end = "2033-02-01" }, "leadInstitutionId");
        await ErrorOn(owner.Client, $"/api/v1/action-plans/{plan}/consultations", new { group = "CivilSociety", organisation = "", consultedOn = "2032-11-01" }, "organisation");
        await ErrorOn(owner.Client, $"/api/v1/action-plans/activities/{activity}/budget", new { year = 2033, source = "State" }, "plannedMinor");
        await ErrorOn(owner.Client, $"/api/v1/action-plans/{plan}/indicators", new { name = "Trained", direction = "Increase" }, "unit");
        await ErrorOn(owner.Client, $"/api/v1/action-plans/{plan}/indicators", new { name = "Trained", unit = "persons", direction = "Increase", targets = new[] { new { periodId = Guid.NewGuid(), value = 3 } } }, "targets");
        var mine = await reporter.Client.GetJsonAsync($"/api/v1/action-plans/activities/{activity}");
        await ErrorOn(reporter.Client, $"/api/v1/action-plans/activities/{activity}/status", new { status = "InProgress", percentComplete = 101, version = Version(mine) }, "percentComplete");

        // Rules answer 409 with their code: an activity outside the plan, a late activity without a reason, a second
        // open plan of the level for the same time, a donor without a name, a disaggregation that does not add up.
        async Task Rule(Task<JsonElement> call, string code) => Assert.Equal(code, (await call).GetProperty("code").GetString());
        await Rule(owner.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/activities", new { title = new { bs = "X" }, measureIds = new[] { await MeasureAsync("4.2") }, leadInstitutionId = await InstitutionAsync("MUPKS"), start = "2032-12-01", end = "2033-02-01" }, HttpStatusCode.Conflict), "activity.outside-plan");
        await Rule(reporter.Client.PostJsonAsync($"/api/v1/action-plans/activities/{activity}/status", new { status = "Late", percentComplete = 10, version = Version(mine) }, HttpStatusCode.Conflict), "activity.reason-needed");
        await Rule(owner.Client.PostJsonAsync("/api/v1/action-plans", new { title = new { bs = "Drugi plan" }, jurisdictionId = fbih, periodStart = "2033-06-01", periodEnd = "2034-05-31" }, HttpStatusCode.Conflict), "plan.overlap");
        await Rule(owner.Client.PostJsonAsync($"/api/v1/action-plans/activities/{activity}/budget", new { year = 2033, source = "Donor", plannedMinor = 100 }, HttpStatusCode.Conflict), "budget.donor-name");
        await Rule(owner.Client.PostJsonAsync($"/api/v1/action-plans/activities/{activity}/budget", new { year = 2039, source = "State", plannedMinor = 100 }, HttpStatusCode.Conflict), "budget.year-outside-plan");
        await owner.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/status", new { status = "Closed", version = Version(detail) + 5 }, HttpStatusCode.Conflict);
        var indicatorPlan = await owner.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/indicators", new { activityId = activity, name = "Trained", unit = "persons", direction = "Increase" }, HttpStatusCode.OK);
        var indicator = IdOf(indicatorPlan.GetProperty("indicators")[0]);
        var period = IdOf(detail.GetProperty("periods")[0]);
        await Rule(reporter.Client.PutJsonAsync($"/api/v1/action-plans/activities/{activity}/reports/{period}", new
        {
            reportedStatus = "InProgress",
            percentComplete = 10,
            narrative = "A report with a disaggregation that is wrong.",
            indicatorValues = new[] { new { indicatorId = indicator, value = 10, breakdown = new[] { new { dimension = "sex", category = "female", value = 3 }, new { dimension = "sex", category = "male", value = 3 } } } },
        }, HttpStatusCode.Conflict), "indicator.breakdown-sum");
        // Submitting needs a narrative.
        var draft = await reporter.Client.PutJsonAsync($"/api/v1/action-plans/activities/{activity}/reports/{period}", new { reportedStatus = "InProgress", percentComplete = 10 }, HttpStatusCode.OK);
        await Rule(reporter.Client.PostJsonAsync($"/api/v1/action-plans/reports/{IdOf(draft)}/submit", new { version = Version(draft) }, HttpStatusCode.Conflict), "report.narrative-needed");

        var after = await CountsAsync();
        Assert.Equal(before with { Reports = before.Reports + 1, Indicators = before.Indicators + 1 }, after);
        foreach (var query in new[] { "status=Unknown", $"search={new string('x', 300)}" })
        {
            await owner.Client.GetJsonAsync($"/api/v1/action-plans?{query}", HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task ACopy_StartsTheNextPlan_WithActivitiesIndicatorsAndPlannedBudgets()
    {
        var owner = await PersonAsync(Roles.CoordinationTeamMember, "KTFBIH");
        var (plan, activity, _) = await PlanWithActivityAsync(owner, 2034, partnerCode: "FUP");
        await owner.Client.PostJsonAsync($"/api/v1/action-plans/activities/{activity}/budget", new { year = 2034, source = "Donor", donorName = "EU", plannedMinor = 5_000_000, executedMinor = 1_000_000 }, HttpStatusCode.OK);
        await owner.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/indicators", new { activityId = activity, name = "Trained", unit = "persons", direction = "Increase", baselineValue = 4 }, HttpStatusCode.OK);

        var copy = await owner.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/copy", new { periodStart = "2035-01-01", periodEnd = "2035-12-31" }, HttpStatusCode.Created);
        Assert.Equal("Draft", copy.GetProperty("status").GetString());
        Assert.Equal(plan, copy.GetProperty("copiedFromPlanId").GetGuid());
        var copied = Assert.Single(copy.GetProperty("activities").EnumerateArray());
        Assert.Equal("NotStarted", copied.GetProperty("status").GetString());
        Assert.Equal("2035-02-01", copied.GetProperty("start").GetString());
        var detail = await owner.Client.GetJsonAsync($"/api/v1/action-plans/activities/{IdOf(copied)}");
        var line = Assert.Single(detail.GetProperty("budget").EnumerateArray());
        Assert.Equal((2035, 5_000_000L, 0L), (line.GetProperty("year").GetInt32(), line.GetProperty("plannedMinor").GetInt64(), line.GetProperty("executedMinor").GetInt64()));
        Assert.Equal(4m, Assert.Single(detail.GetProperty("indicators").EnumerateArray()).GetProperty("baselineValue").GetDecimal());
        Assert.Single(detail.GetProperty("partners").EnumerateArray());
        await owner.Client.PostJsonAsync($"/api/v1/action-plans/{plan}/copy", new { periodStart = "2034-01-01", periodEnd = "2034-12-31" }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AReportNotSubmitted_RemindsTheReporters_ThenTheHead_ThenThePlanOwner_EachOnce()
    {
        var owner = await PersonAsync(Roles.CoordinationTeamMember, "KTFBIH");
        var reporter = await PersonAsync(Roles.InstitutionReporter, "MUPKS");
        var head = await PersonAsync(Roles.InstitutionHead, "MUPKS");
        var (_, activity, detail) = await PlanWithActivityAsync(owner, 2036);
        var due = DateOnly.Parse(detail.GetProperty("periods")[0].GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var reference = ReportReminders.ActivityReference(activity);
        var at = (int days) => new DateTimeOffset(due.AddDays(days).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

        await RemindAtAsync(at(0));
        Assert.Empty(await NoticesAsync(reference));
        await RemindAtAsync(at(1));
        // The institution's reporters (the class's other tests add more of them to the ministry), not yet its head.
        var first = await NoticesAsync(reference);
        Assert.Contains((reporter.Id, ActionPlanOperations.ReportOverdue.Code), first);
        Assert.All(first, n => Assert.Equal(ActionPlanOperations.ReportOverdue.Code, n.Item2));
        Assert.DoesNotContain(first, n => n.Item1 == head.Id || n.Item1 == owner.Id);
        await RemindAtAsync(at(2));
        Assert.Equal(first.Count, (await NoticesAsync(reference)).Count);
        await RemindAtAsync(at(8));
        Assert.Contains((head.Id, ActionPlanOperations.ReportOverdueHead.Code), await NoticesAsync(reference));
        await RemindAtAsync(at(15));
        var all = await NoticesAsync(reference);
        Assert.Contains((owner.Id, ActionPlanOperations.ReportOverdueOwner.Code), all);
        await RemindAtAsync(at(20));
        Assert.Equal(all.Count, (await NoticesAsync(reference)).Count);
        // A submitted report stops the ladder for its period: the second half-year reminds nobody once submitted.
        var second = IdOf(detail.GetProperty("periods")[1]);
        var report = await reporter.Client.PutJsonAsync($"/api/v1/action-plans/activities/{activity}/reports/{second}", new { reportedStatus = "Completed", percentComplete = 100, narrative = "Every training planned for the year was held." }, HttpStatusCode.OK);
        await reporter.Client.PostJsonAsync($"/api/v1/action-plans/reports/{IdOf(report)}/submit", new { version = Version(report) }, HttpStatusCode.OK);
        var secondDue = DateOnly.Parse(detail.GetProperty("periods")[1].GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var countBefore = (await NoticesAsync(reference)).Count;
        await RemindAtAsync(new DateTimeOffset(secondDue.AddDays(30).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        Assert.Equal(countBefore, (await NoticesAsync(reference)).Count);
    }

    [Fact]
    public void Progress_IsComputedOneWay_ForBothDirections()
    {
        Assert.Equal(0.5m, IndicatorProgress.Of(IndicatorDirection.Increase, 10, 30, 20));
        Assert.Equal(1.5m, IndicatorProgress.Of(IndicatorDirection.Increase, 0, 10, 15));
        Assert.Equal(0m, IndicatorProgress.Of(IndicatorDirection.Increase, 10, 30, 5));
        Assert.Equal(0.4m, IndicatorProgress.Of(IndicatorDirection.Increase, null, 50, 20));
        Assert.Equal(0.75m, IndicatorProgress.Of(IndicatorDirection.Decrease, 100, 20, 40));
        Assert.Null(IndicatorProgress.Of(IndicatorDirection.Decrease, null, 20, 40));
        Assert.Null(IndicatorProgress.Of(IndicatorDirection.Increase, 0, null, 40));
        Assert.Null(IndicatorProgress.Of(IndicatorDirection.Increase, 0, 10, null));
        Assert.Equal(1m, IndicatorProgress.Of(IndicatorDirection.Increase, 5, 5, 5));
        Assert.True(IndicatorProgress.Met(IndicatorDirection.Decrease, 20, 19));
        Assert.False(IndicatorProgress.Met(IndicatorDirection.Increase, 20, 19));
        var today = new DateOnly(2026, 6, 1);
        Assert.Equal(ActivityStatus.Late, PlanActivity.Effective(ActivityStatus.InProgress, today.AddDays(-1), today));
        Assert.Equal(ActivityStatus.InProgress, PlanActivity.Effective(ActivityStatus.InProgress, today, today));
        Assert.Equal(ActivityStatus.Completed, PlanActivity.Effective(ActivityStatus.Completed, today.AddDays(-9), today));
        Assert.Equal(1_250_050L, ActionPlanLabels.ParseKm("12.500,50"));
        Assert.Equal(1_250_050L, ActionPlanLabels.ParseKm("12,500.50"));
        Assert.Equal(1_250_000L, ActionPlanLabels.ParseKm("12500"));
        Assert.Null(ActionPlanLabels.ParseKm("-3"));
        Assert.Null(ActionPlanLabels.ParseKm("abc"));
        var plan = new ActionPlan { Id = Guid.NewGuid(), PeriodStart = new DateOnly(2025, 3, 1), PeriodEnd = new DateOnly(2026, 12, 31) };
        Assert.Equal(["2025 H1", "2025 H2", "2026 H1", "2026 H2"], ReportingPeriod.Generate(plan, PeriodKind.SemiAnnual, 30).Select(p => p.Label));
        Assert.Equal(new DateOnly(2025, 3, 1), ReportingPeriod.Generate(plan, PeriodKind.Annual, 30)[0].Start);
    }

    private sealed record Counts(int Plans, int Activities, int Consultations, int Budget, int Indicators, int Reports, int Updates);

    private async Task<Counts> CountsAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return new Counts(await db.ActionPlans.CountAsync(), await db.PlanActivities.CountAsync(), await db.PlanConsultations.CountAsync(), await db.BudgetLines.CountAsync(),
            await db.PlanIndicators.CountAsync(), await db.ProgressReports.CountAsync(), await db.ActivityStatusUpdates.CountAsync());
    }

    private async Task RemindAtAsync(DateTimeOffset now)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var clock = new FakeTimeProvider(now);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var reminders = ActivatorUtilities.CreateInstance<ReportReminders>(scope.ServiceProvider, clock, new Notifier(db, clock));
        await reminders.RunAsync(CancellationToken.None);
    }

    private async Task<List<string>> NoticesAsync(Guid recipient)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Notification>().Where(n => n.RecipientId == recipient).Select(n => n.Kind).ToListAsync();
    }

    private async Task<List<(Guid, string)>> NoticesAsync(string reference)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return [.. (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Notification>().Where(n => n.SubjectReference == reference)
            .Select(n => new { n.RecipientId, n.Kind, n.CreatedAt }).ToListAsync()).OrderBy(n => n.CreatedAt).Select(n => (n.RecipientId, n.Kind))];
    }
}
