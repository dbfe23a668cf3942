using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Strategy;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.ActionPlans;

public sealed record PlanListItem(Guid Id, string Title, string Level, string Owner, DateOnly PeriodStart, DateOnly PeriodEnd, PlanStatus Status, int Activities);

public sealed record ConsultationView(Guid Id, StakeholderGroup Group, string Organisation, DateOnly ConsultedOn, string? Note);

public sealed record ActivityListItem(Guid Id, Guid PlanId, string Plan, int Number, string Title, string Lead, DateOnly Start, DateOnly End, ActivityStatus Status, ActivityStatus EffectiveStatus, int PercentComplete, IReadOnlyList<string> Measures);

public sealed record PeriodView(Guid Id, PeriodKind Kind, string Label, DateOnly Start, DateOnly End, DateOnly DueOn, bool Locked, int Version);

public sealed record IndicatorPeriodView(Guid PeriodId, string Period, decimal? Target, decimal? Actual, decimal? Progress, bool Met);

public sealed record IndicatorView(Guid Id, Guid? ActivityId, Guid? MeasureId, string Name, string? Definition, string Unit, IndicatorDirection Direction,
    decimal? BaselineValue, DateOnly? BaselineDate, string? Source, IReadOnlyList<IndicatorPeriodView> Periods, decimal? LatestProgress, int Version);

public sealed record PlanDetail(Guid Id, PlanTitles Title, string DisplayTitle, Guid JurisdictionId, string Level, Guid OwnerInstitutionId, string Owner,
    DateOnly PeriodStart, DateOnly PeriodEnd, PlanStatus Status, DateOnly? AdoptedOn, string? DecisionReference, Guid? CopiedFromPlanId, int Version,
    bool CanManage, bool ReadsWhole, IReadOnlyList<ConsultationView> Consultations, IReadOnlyList<ActivityListItem> Activities,
    IReadOnlyList<PeriodView> Periods, IReadOnlyList<IndicatorView> Indicators);

public sealed record MeasureLink(Guid MeasureId, string Number, string Title, Guid? ItemId, string? ItemNumber);

public sealed record InstitutionRef(Guid Id, string Name);

public sealed record StatusUpdateView(DateTime At, string AuthorInstitution, ActivityStatus Status, int PercentComplete, string? Reason);

public sealed record BudgetLineView(Guid Id, int Year, FundingSource Source, string? DonorName, long PlannedMinor, long ExecutedMinor, int Version);

public sealed record ActivityReportItem(Guid PeriodId, string Period, DateOnly DueOn, bool Locked, Guid? ReportId, ReportState? State, bool Overdue);

public sealed record ActivityDetail(Guid Id, Guid PlanId, string Plan, int Number, PlanTitles Title, string DisplayTitle, string? Description,
    InstitutionRef Lead, IReadOnlyList<InstitutionRef> Partners, IReadOnlyList<MeasureLink> Measures, DateOnly Start, DateOnly End,
    ActivityStatus Status, ActivityStatus EffectiveStatus, string? StatusReason, int PercentComplete, int Version,
    bool CanManage, bool CanUpdate, bool CanReport, IReadOnlyList<StatusUpdateView> History, IReadOnlyList<BudgetLineView> Budget,
    IReadOnlyList<IndicatorView> Indicators, IReadOnlyList<ActivityReportItem> Reports);

public sealed record BreakdownView(string Dimension, string Category, decimal Value);

public sealed record ReportValueView(Guid IndicatorId, string Indicator, string Unit, decimal Value, string? Source, IReadOnlyList<BreakdownView> Breakdown);

public sealed record ReviewView(DateTime At, string ReviewerInstitution, ReviewLevel Level, ReviewDecision Decision, string? Comment);

public sealed record CorrectionView(DateTime At, string Reason, string Before, string After);

public sealed record ReportDetail(Guid Id, Guid ActivityId, string Activity, Guid PlanId, string Plan, Guid PeriodId, string Period, DateOnly DueOn, bool PeriodLocked,
    string Institution, ReportState State, ActivityStatus ReportedStatus, int PercentComplete, string? Narrative, long SpentMinor, DateTime? SubmittedAt, int Version,
    bool CanEdit, bool CanReviewCoordination, bool CanReviewMonitoring, bool CanCorrect,
    IReadOnlyList<ReportValueView> IndicatorValues, IReadOnlyList<ReviewView> Reviews, IReadOnlyList<CorrectionView> Corrections,
    IReadOnlyList<IndicatorView> ActivityIndicators);

public sealed record CoveragePlan(Guid Id, string Title, string Level, PlanStatus Status);

public sealed record CoverageRow(Guid MeasureId, string Number, string Title, IReadOnlyList<int> Activities);

public sealed record CoverageMatrix(IReadOnlyList<CoveragePlan> Plans, IReadOnlyList<CoverageRow> Measures, IReadOnlyList<string> Uncovered);

public sealed record ReportDueItem(Guid ActivityId, string Activity, Guid PlanId, string Plan, Guid PeriodId, string Period, DateOnly DueOn, Guid? ReportId, ReportState? State, bool Overdue);

/// <summary>The module's reads for pages and the API alike; every one goes through <see cref="PlanAccess"/>.</summary>
public sealed class ActionPlanQueries(AppDbContext db, PlanAccess access, StrategyMeasureDirectory measures, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(Shared.LocalTime.ToLocal(clock.GetUtcNow().UtcDateTime));

    private static string Culture => SupportedCultures.Normalize(System.Globalization.CultureInfo.CurrentUICulture);

    public async Task<PagedResult<PlanListItem>> ListPlansAsync(Guid? jurisdictionId, PlanStatus? status, string? search, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = PagedResult<PlanListItem>.Normalize(page, pageSize);
        var plans = access.Plans().AsNoTracking();
        if (jurisdictionId is { } j)
        {
            plans = plans.Where(p => p.JurisdictionId == j);
        }

        if (status is { } s)
        {
            plans = plans.Where(p => p.Status == s);
        }

        var rows = await plans.OrderByDescending(p => p.PeriodStart).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var names = await NamesAsync(rows.Select(p => p.OwnerInstitutionId), cancellationToken);
        var levels = await LevelsAsync(cancellationToken);
        var visible = access.Activities().Select(a => a.PlanId);
        var counts = await db.PlanActivities.AsNoTracking().Where(a => visible.Contains(a.PlanId)).GroupBy(a => a.PlanId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var items = rows.Select(p => new PlanListItem(p.Id, PlanTitles.Show(p.Title, Culture), levels.GetValueOrDefault(p.JurisdictionId, ""),
                names.GetValueOrDefault(p.OwnerInstitutionId, ""), p.PeriodStart, p.PeriodEnd, p.Status, counts.GetValueOrDefault(p.Id)))
            .Where(p => string.IsNullOrWhiteSpace(search) || Matches(p.Title, search) || Matches(p.Owner, search) || Matches(p.Level, search))
            .ToList();
        return new PagedResult<PlanListItem>([.. items.Skip((number - 1) * size).Take(size)], number, size, items.Count);
    }

    public async Task<PlanDetail?> FindPlanAsync(Guid id, CancellationToken cancellationToken)
    {
        var plan = await access.Plans().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var levels = await LevelsAsync(cancellationToken);
        var names = await NamesAsync([plan.OwnerInstitutionId], cancellationToken);
        var consultations = await db.PlanConsultations.AsNoTracking().Where(c => c.PlanId == id).OrderBy(c => c.ConsultedOn)
            .Select(c => new ConsultationView(c.Id, c.Group, c.Organisation, c.ConsultedOn, c.Note)).ToListAsync(cancellationToken);
        var activities = await ActivitiesAsync(access.Activities().Where(a => a.PlanId == id), cancellationToken);
        var periods = await PeriodsAsync(id, cancellationToken);
        var visibleIds = activities.Select(a => (Guid?)a.Id).ToList();
        var indicators = await IndicatorsAsync(db.PlanIndicators.Where(i => i.PlanId == id && (i.ActivityId == null || visibleIds.Contains(i.ActivityId))), periods, cancellationToken);
        return new PlanDetail(plan.Id, PlanTitles.Of(plan.Title), PlanTitles.Show(plan.Title, Culture), plan.JurisdictionId, levels.GetValueOrDefault(plan.JurisdictionId, ""),
            plan.OwnerInstitutionId, names.GetValueOrDefault(plan.OwnerInstitutionId, ""), plan.PeriodStart, plan.PeriodEnd, plan.Status, plan.AdoptedOn,
            plan.DecisionReference, plan.CopiedFromPlanId, plan.Version, access.CanManage(plan), access.ReadsWhole(plan), consultations, activities, periods, indicators);
    }

    public async Task<ActivityDetail?> FindActivityAsync(Guid id, CancellationToken cancellationToken)
    {
        var activity = await access.Activities().AsNoTracking().Include(a => a.Measures).Include(a => a.Partners).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return null;
        }

        var plan = await db.ActionPlans.AsNoTracking().FirstAsync(p => p.Id == activity.PlanId, cancellationToken);
        var history = await db.ActivityStatusUpdates.AsNoTracking().Where(u => u.ActivityId == id).OrderByDescending(u => u.At).ToListAsync(cancellationToken);
        var authors = await db.Users.AsNoTracking().Where(u => history.Select(h => h.AuthorUserId).Contains(u.Id)).Select(u => new { u.Id, u.InstitutionId }).ToDictionaryAsync(u => u.Id, u => u.InstitutionId, cancellationToken);
        var names = await NamesAsync([activity.LeadInstitutionId, .. activity.Partners.Select(p => p.InstitutionId), .. authors.Values], cancellationToken);
        var measureList = (await measures.ListAsync(cancellationToken)).ToDictionary(m => m.Id);
        var links = new List<MeasureLink>();
        foreach (var m in activity.Measures.OrderBy(m => measureList.TryGetValue(m.MeasureId, out var r) ? r.Number : "").ThenBy(m => m.MeasureItemId))
        {
            var reference = measureList.GetValueOrDefault(m.MeasureId);
            string? itemNumber = null;
            if (m.MeasureItemId is { } item)
            {
                itemNumber = (await measures.ItemsAsync(m.MeasureId, cancellationToken)).FirstOrDefault(i => i.Id == item)?.Number;
            }

            links.Add(new MeasureLink(m.MeasureId, reference?.Number ?? "?", reference?.Title ?? "", m.MeasureItemId, itemNumber));
        }

        var budget = await db.BudgetLines.AsNoTracking().Where(b => b.ActivityId == id).OrderBy(b => b.Year).ThenBy(b => b.Source).ThenBy(b => b.DonorName)
            .Select(b => new BudgetLineView(b.Id, b.Year, b.Source, b.DonorName, b.PlannedMinor, b.ExecutedMinor, b.Version)).ToListAsync(cancellationToken);
        var periods = await PeriodsAsync(plan.Id, cancellationToken);
        var indicators = await IndicatorsAsync(db.PlanIndicators.Where(i => i.ActivityId == id), periods, cancellationToken);
        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.ActivityId == id).ToDictionaryAsync(r => r.PeriodId, cancellationToken);
        var today = Today;
        var reportItems = periods.Where(p => p.Start <= activity.End && p.End >= activity.Start)
            .Select(p => reports.TryGetValue(p.Id, out var r)
                ? new ActivityReportItem(p.Id, p.Label, p.DueOn, p.Locked, r.Id, r.State, !r.CountsAsSubmitted && p.DueOn < today)
                : new ActivityReportItem(p.Id, p.Label, p.DueOn, p.Locked, null, null, p.DueOn < today && plan.Status is PlanStatus.Adopted or PlanStatus.InForce))
            .ToList();
        return new ActivityDetail(activity.Id, plan.Id, PlanTitles.Show(plan.Title, Culture), activity.Number, PlanTitles.Of(activity.Title), PlanTitles.Show(activity.Title, Culture),
            activity.Description, new InstitutionRef(activity.LeadInstitutionId, names.GetValueOrDefault(activity.LeadInstitutionId, "")),
            [.. activity.Partners.Select(p => new InstitutionRef(p.InstitutionId, names.GetValueOrDefault(p.InstitutionId, ""))).OrderBy(p => p.Name, StringComparer.CurrentCulture)],
            links, activity.Start, activity.End, activity.Status, activity.EffectiveStatus(today), activity.StatusReason, activity.PercentComplete, activity.Version,
            access.CanManage(plan), access.CanUpdate(activity, plan), access.CanReport(activity.LeadInstitutionId),
            [.. history.Select(h => new StatusUpdateView(h.At, authors.TryGetValue(h.AuthorUserId, out var inst) ? names.GetValueOrDefault(inst, "") : "", h.Status, h.PercentComplete, h.Reason))],
            budget, indicators, reportItems);
    }

    public async Task<ReportDetail?> FindReportAsync(Guid id, CancellationToken cancellationToken)
    {
        var report = await access.Reports().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return null;
        }

        var activity = await db.PlanActivities.AsNoTracking().FirstAsync(a => a.Id == report.ActivityId, cancellationToken);
        var plan = await db.ActionPlans.AsNoTracking().FirstAsync(p => p.Id == activity.PlanId, cancellationToken);
        var period = await db.ReportingPeriods.AsNoTracking().FirstAsync(p => p.Id == report.PeriodId, cancellationToken);
        var values = await db.IndicatorValues.AsNoTracking().Include(v => v.Breakdown).Where(v => v.ReportId == id).ToListAsync(cancellationToken);
        var indicators = await db.PlanIndicators.AsNoTracking().Where(i => i.ActivityId == activity.Id).ToDictionaryAsync(i => i.Id, cancellationToken);
        var reviews = await db.ReportReviews.AsNoTracking().Where(r => r.ReportId == id).OrderBy(r => r.At).ToListAsync(cancellationToken);
        var reviewerInstitutions = await db.Users.AsNoTracking().Where(u => reviews.Select(r => r.ReviewerUserId).Contains(u.Id))
            .Select(u => new { u.Id, u.InstitutionId }).ToDictionaryAsync(u => u.Id, u => u.InstitutionId, cancellationToken);
        var names = await NamesAsync([report.InstitutionId, .. reviewerInstitutions.Values], cancellationToken);
        var corrections = await db.ReportCorrections.AsNoTracking().Where(c => c.ReportId == id).OrderBy(c => c.At)
            .Select(c => new CorrectionView(c.At, c.Reason, c.Before, c.After)).ToListAsync(cancellationToken);
        var periods = await PeriodsAsync(plan.Id, cancellationToken);
        var activityIndicators = await IndicatorsAsync(db.PlanIndicators.Where(i => i.ActivityId == activity.Id), periods, cancellationToken);
        var open = !period.IsLocked && !plan.IsClosed;
        return new ReportDetail(report.Id, activity.Id, $"{activity.Number}. {PlanTitles.Show(activity.Title, Culture)}", plan.Id, PlanTitles.Show(plan.Title, Culture),
            period.Id, period.Label, period.DueOn, period.IsLocked, names.GetValueOrDefault(report.InstitutionId, ""), report.State, report.ReportedStatus,
            report.PercentComplete, report.Narrative, report.SpentMinor, report.SubmittedAt, report.Version,
            open && report.IsEditable && access.CanReport(report.InstitutionId),
            open && report.State == ReportState.Submitted && access.CanReview(ReviewLevel.Coordination, plan),
            open && report.State == ReportState.Endorsed && access.CanReview(ReviewLevel.MonitoringTeam, plan),
            period.IsLocked && access.CanMonitor,
            [.. values.Where(v => indicators.ContainsKey(v.IndicatorId)).Select(v => new ReportValueView(v.IndicatorId, indicators[v.IndicatorId].Name, indicators[v.IndicatorId].Unit, v.Value, v.Source,
                [.. v.Breakdown.OrderBy(b => b.Dimension).ThenBy(b => b.Category).Select(b => new BreakdownView(b.Dimension, b.Category, b.Value))]))],
            [.. reviews.Select(r => new ReviewView(r.At, reviewerInstitutions.TryGetValue(r.ReviewerUserId, out var inst) ? names.GetValueOrDefault(inst, "") : "", r.Level, r.Decision, r.Comment))],
            corrections, activityIndicators);
    }

    /// <summary>"My activities": those my institution leads or partners, in every plan, latest end first.</summary>
    public async Task<PagedResult<ActivityListItem>> MyActivitiesAsync(int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = PagedResult<ActivityListItem>.Normalize(page, pageSize);
        var institution = access.Institution;
        var mine = db.PlanActivities.Where(a => a.LeadInstitutionId == institution || a.Partners.Any(p => p.InstitutionId == institution));
        var total = await mine.CountAsync(cancellationToken);
        var items = await ActivitiesAsync(mine.OrderBy(a => a.End).ThenBy(a => a.Id).Skip((number - 1) * size).Take(size), cancellationToken, keepOrder: true);
        return new PagedResult<ActivityListItem>(items, number, size, total);
    }

    /// <summary>
    /// "My reports due": for each activity my institution leads in an adopted or in-force plan, each period that has
    /// begun and overlaps the activity, without a report submitted (drafts and returned ones included), earliest due first.
    /// </summary>
    public async Task<IReadOnlyList<ReportDueItem>> MyReportsDueAsync(CancellationToken cancellationToken)
    {
        var institution = access.Institution;
        var today = Today;
        var rows = await (from a in db.PlanActivities.AsNoTracking()
                          join p in db.ActionPlans.AsNoTracking() on a.PlanId equals p.Id
                          join period in db.ReportingPeriods.AsNoTracking() on p.Id equals period.PlanId
                          where a.LeadInstitutionId == institution && a.Status != ActivityStatus.Cancelled
                              && (p.Status == PlanStatus.Adopted || p.Status == PlanStatus.InForce)
                              && period.LockedAt == null && period.Start <= today && period.Start <= a.End && period.End >= a.Start
                          select new { Activity = a, p.Title, PlanId = p.Id, Period = period })
            .ToListAsync(cancellationToken);
        var activityIds = rows.Select(r => r.Activity.Id).Distinct().ToList();
        var reports = await db.ProgressReports.AsNoTracking().Where(r => activityIds.Contains(r.ActivityId))
            .Select(r => new { r.Id, r.ActivityId, r.PeriodId, r.State }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (Row: r, Report: reports.FirstOrDefault(x => x.ActivityId == r.Activity.Id && x.PeriodId == r.Period.Id)))
            .Where(x => x.Report is null || x.Report.State is ReportState.Draft or ReportState.Returned)
            .OrderBy(x => x.Row.Period.DueOn).ThenBy(x => x.Row.Activity.Number)
            .Select(x => new ReportDueItem(x.Row.Activity.Id, $"{x.Row.Activity.Number}. {PlanTitles.Show(x.Row.Activity.Title, Culture)}", x.Row.PlanId,
                PlanTitles.Show(x.Row.Title, Culture), x.Row.Period.Id, x.Row.Period.Label, x.Row.Period.DueOn, x.Report?.Id, x.Report?.State, x.Row.Period.DueOn < today))];
    }

    public async Task<PeriodView?> FindPeriodAsync(Guid id, CancellationToken cancellationToken)
    {
        var plans = access.Plans().Select(p => p.Id);
        return await db.ReportingPeriods.AsNoTracking().Where(p => p.Id == id && plans.Contains(p.PlanId))
            .Select(p => new PeriodView(p.Id, p.Kind, p.Label, p.Start, p.End, p.DueOn, p.LockedAt != null, p.Version)).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<Guid?> PlanOfIndicatorAsync(Guid indicatorId, CancellationToken cancellationToken) =>
        await db.PlanIndicators.AsNoTracking().Where(i => i.Id == indicatorId).Select(i => (Guid?)i.PlanId).FirstOrDefaultAsync(cancellationToken);

    public async Task<Guid?> ActivityOfBudgetLineAsync(Guid lineId, CancellationToken cancellationToken) =>
        await db.BudgetLines.AsNoTracking().Where(b => b.Id == lineId).Select(b => (Guid?)b.ActivityId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Measure × plan: how many activities (not cancelled) of each plan that is not closed serve each measure of the
    /// strategy in force, and which measures no plan addresses. Over the plans the reader reaches (all, for ReadAll).
    /// </summary>
    public async Task<CoverageMatrix> CoverageAsync(CancellationToken cancellationToken)
    {
        var plans = await access.Plans().AsNoTracking().Where(p => p.Status != PlanStatus.Closed).OrderBy(p => p.JurisdictionId).ThenBy(p => p.PeriodStart).ToListAsync(cancellationToken);
        var levels = await LevelsAsync(cancellationToken);
        var planIds = plans.Select(p => p.Id).ToList();
        var links = await (from a in db.PlanActivities.AsNoTracking()
                           from m in a.Measures
                           where planIds.Contains(a.PlanId) && a.Status != ActivityStatus.Cancelled && m.MeasureItemId == null
                           select new { a.PlanId, m.MeasureId }).ToListAsync(cancellationToken);
        var rows = (await measures.ListAsync(cancellationToken))
            .Select(m => new CoverageRow(m.Id, m.Number, m.Title, [.. plans.Select(p => links.Count(l => l.PlanId == p.Id && l.MeasureId == m.Id))]))
            .ToList();
        return new CoverageMatrix([.. plans.Select(p => new CoveragePlan(p.Id, PlanTitles.Show(p.Title, Culture), levels.GetValueOrDefault(p.JurisdictionId, ""), p.Status))],
            rows, [.. rows.Where(r => r.Activities.All(n => n == 0)).Select(r => r.Number)]);
    }

    /// <summary>Active institutions, for choosing a lead or partners.</summary>
    public async Task<IReadOnlyList<InstitutionRef>> InstitutionsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Institutions.AsNoTracking().Where(i => i.IsActive).ToListAsync(cancellationToken);
        return [.. rows.Select(i => new InstitutionRef(i.Id, i.DisplayName(Culture))).OrderBy(i => i.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>The bodies that may own a plan (coordination bodies and ministries), for the State Coordinator's office.</summary>
    public async Task<IReadOnlyList<InstitutionRef>> PlanOwnersAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Institutions.AsNoTracking().Where(i => i.IsActive
            && (i.Type == Platform.Organisations.InstitutionType.CoordinationBody || i.Type == Platform.Organisations.InstitutionType.Ministry)).ToListAsync(cancellationToken);
        return [.. rows.Select(i => new InstitutionRef(i.Id, i.DisplayName(Culture))).OrderBy(i => i.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>The levels that adopt plans, for the plan form.</summary>
    public async Task<IReadOnlyList<InstitutionRef>> LevelChoicesAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Jurisdictions.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.Where(j => PlanChanges.AdoptsPlans(j.Kind)).OrderBy(j => j.Kind).ThenBy(j => j.Code, StringComparer.Ordinal)
            .Select(j => new InstitutionRef(j.Id, j.DisplayName(Culture)))];
    }

    public Task<IReadOnlyList<MeasureReference>> MeasuresAsync(CancellationToken cancellationToken) => measures.ListAsync(cancellationToken);

    private async Task<List<ActivityListItem>> ActivitiesAsync(IQueryable<PlanActivity> query, CancellationToken cancellationToken, bool keepOrder = false)
    {
        var rows = await query.AsNoTracking().Include(a => a.Measures).ToListAsync(cancellationToken);
        var planTitles = await db.ActionPlans.AsNoTracking().Where(p => rows.Select(r => r.PlanId).Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, cancellationToken);
        var names = await NamesAsync(rows.Select(r => r.LeadInstitutionId), cancellationToken);
        var numbers = (await measures.ListAsync(cancellationToken)).ToDictionary(m => m.Id, m => m.Number);
        var today = Today;
        var items = rows.Select(a => new ActivityListItem(a.Id, a.PlanId, planTitles.TryGetValue(a.PlanId, out var t) ? PlanTitles.Show(t, Culture) : "", a.Number,
            PlanTitles.Show(a.Title, Culture), names.GetValueOrDefault(a.LeadInstitutionId, ""), a.Start, a.End, a.Status, a.EffectiveStatus(today), a.PercentComplete,
            [.. a.Measures.Where(m => m.MeasureItemId == null).Select(m => numbers.GetValueOrDefault(m.MeasureId, "?")).Order(StringComparer.Ordinal)]));
        return keepOrder ? [.. items] : [.. items.OrderBy(a => a.Number)];
    }

    private async Task<List<PeriodView>> PeriodsAsync(Guid planId, CancellationToken cancellationToken) =>
        await db.ReportingPeriods.AsNoTracking().Where(p => p.PlanId == planId).OrderBy(p => p.Start).ThenBy(p => p.End)
            .Select(p => new PeriodView(p.Id, p.Kind, p.Label, p.Start, p.End, p.DueOn, p.LockedAt != null, p.Version)).ToListAsync(cancellationToken);

    /// <summary>
    /// Indicators with, per period, the target and the actual: the value of the accepted report (or the owner's own
    /// record) if any, else of a report under review. Progress by <see cref="IndicatorProgress"/>; the latest is that
    /// of the last period with both.
    /// </summary>
    private async Task<List<IndicatorView>> IndicatorsAsync(IQueryable<PlanIndicator> query, IReadOnlyList<PeriodView> periods, CancellationToken cancellationToken)
    {
        var indicators = await query.AsNoTracking().Include(i => i.Targets).OrderBy(i => i.Name).ToListAsync(cancellationToken);
        var ids = indicators.Select(i => i.Id).ToList();
        var values = await (from v in db.IndicatorValues.AsNoTracking()
                            join r in db.ProgressReports.AsNoTracking() on v.ReportId equals r.Id into reports
                            from r in reports.DefaultIfEmpty()
                            where ids.Contains(v.IndicatorId) && (r == null || r.State == ReportState.Accepted || r.State == ReportState.Endorsed || r.State == ReportState.Submitted)
                            select new { v.IndicatorId, v.PeriodId, v.Value, Accepted = r == null || r.State == ReportState.Accepted })
            .ToListAsync(cancellationToken);
        var result = new List<IndicatorView>();
        foreach (var i in indicators)
        {
            var perPeriod = new List<IndicatorPeriodView>();
            foreach (var p in periods)
            {
                var target = i.Targets.FirstOrDefault(t => t.PeriodId == p.Id)?.Value;
                var candidates = values.Where(v => v.IndicatorId == i.Id && v.PeriodId == p.Id).ToList();
                decimal? actual = candidates.Count == 0 ? null
                    : candidates.Any(c => c.Accepted) ? candidates.Where(c => c.Accepted).Sum(c => c.Value) : candidates.Sum(c => c.Value);
                if (target is null && actual is null)
                {
                    continue;
                }

                perPeriod.Add(new IndicatorPeriodView(p.Id, p.Label, target, actual, IndicatorProgress.Of(i.Direction, i.BaselineValue, target, actual), IndicatorProgress.Met(i.Direction, target, actual)));
            }

            var latest = perPeriod.LastOrDefault(x => x.Progress is not null)?.Progress;
            result.Add(new IndicatorView(i.Id, i.ActivityId, i.MeasureId, i.Name, i.Definition, i.Unit, i.Direction, i.BaselineValue, i.BaselineDate, i.Source, perPeriod, latest, i.Version));
        }

        return result;
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var rows = await db.Institutions.AsNoTracking().Where(i => wanted.Contains(i.Id)).ToListAsync(cancellationToken);
        return rows.ToDictionary(i => i.Id, i => i.DisplayName(Culture));
    }

    private async Task<Dictionary<Guid, string>> LevelsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Jurisdictions.AsNoTracking().ToListAsync(cancellationToken);
        return rows.ToDictionary(j => j.Id, j => j.DisplayName(Culture));
    }

    private static bool Matches(string text, string search) =>
        text.Contains(search.Trim(), StringComparison.CurrentCultureIgnoreCase);
}
