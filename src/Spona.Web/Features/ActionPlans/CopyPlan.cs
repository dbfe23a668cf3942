using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public sealed record CopyPlanInput(DateOnly? PeriodStart, DateOnly? PeriodEnd, PlanTitles? Title);

/// <summary>
/// Starts a new plan (a draft) as a copy of an earlier one of the same owner: its activities with their measures,
/// partners and lead, moved by the difference between the periods and reset to "not started"; its indicators with
/// their baselines (no targets, no values); its planned budgets for the years the new period covers. Reports,
/// reviews, consultations and executed amounts stay with the old plan.
/// </summary>
public sealed class CopyPlan(AppDbContext db, PlanAccess access, SavePlan savePlan, IAuditTrail audit)
{
    public async Task<EditOutcome> CopyAsync(Guid sourceId, CopyPlanInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = await access.Plans().AsNoTracking().FirstOrDefaultAsync(p => p.Id == sourceId, cancellationToken);
        if (source is null)
        {
            return EditOutcome.NotFound;
        }

        if (!access.CanManage(source))
        {
            return EditOutcome.Forbidden;
        }

        if (input.PeriodStart is not { } start || input.PeriodEnd is not { } end)
        {
            return EditOutcome.Invalid(input.PeriodStart is null ? "periodStart" : "periodEnd", "Give the new plan's period.");
        }

        ActionPlan.CheckPeriod(start, end);
        var shift = start.DayNumber - source.PeriodStart.DayNumber;
        if (shift == 0)
        {
            throw new DomainRuleViolation("plan.copy-same-period", "A copy starts a new period: give a period other than the old plan's.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var operation = audit.BeginOperation(ActionPlanOperations.CopyPlan.Code);
        var (created, plan) = await savePlan.AddAsync(new PlanInput
        {
            Title = input.Title is { IsEmpty: false } title ? title : PlanTitles.Of(source.Title),
            JurisdictionId = source.JurisdictionId,
            OwnerInstitutionId = source.OwnerInstitutionId,
            PeriodStart = start,
            PeriodEnd = end,
        }, source.OwnerInstitutionId, cancellationToken);
        if (plan is null)
        {
            return created;
        }

        plan.CopiedFromPlanId = source.Id;
        var activities = await db.PlanActivities.AsNoTracking().Include(a => a.Measures).Include(a => a.Partners)
            .Where(a => a.PlanId == source.Id && a.Status != ActivityStatus.Cancelled).OrderBy(a => a.Number).ToListAsync(cancellationToken);
        var indicators = await db.PlanIndicators.AsNoTracking().Where(i => i.PlanId == source.Id).ToListAsync(cancellationToken);
        var budgets = await db.BudgetLines.AsNoTracking().Where(b => activities.Select(a => a.Id).Contains(b.ActivityId)).ToListAsync(cancellationToken);
        var newIds = new Dictionary<Guid, Guid>();
        var number = 0;
        foreach (var a in activities)
        {
            var activityStart = Clamp(a.Start.AddDays(shift), start, end);
            var activityEnd = Clamp(a.End.AddDays(shift), activityStart, end);
            var copy = new PlanActivity
            {
                Id = Guid.NewGuid(),
                PlanId = plan.Id,
                Number = ++number,
                Title = a.Title.Copy(),
                Description = a.Description,
                LeadInstitutionId = a.LeadInstitutionId,
                Start = activityStart,
                End = activityEnd,
                Status = ActivityStatus.NotStarted,
                Measures = [.. a.Measures.Select(m => new ActivityMeasure { Id = Guid.NewGuid(), MeasureId = m.MeasureId, MeasureItemId = m.MeasureItemId })],
                Partners = [.. a.Partners.Select(p => new ActivityPartner { Id = Guid.NewGuid(), InstitutionId = p.InstitutionId })],
            };
            newIds[a.Id] = copy.Id;
            db.PlanActivities.Add(copy);
        }

        foreach (var i in indicators.Where(i => i.ActivityId is null || newIds.ContainsKey(i.ActivityId.Value)))
        {
            db.PlanIndicators.Add(new PlanIndicator
            {
                Id = Guid.NewGuid(),
                PlanId = plan.Id,
                ActivityId = i.ActivityId is { } old ? newIds[old] : null,
                MeasureId = i.MeasureId,
                Name = i.Name,
                Definition = i.Definition,
                Unit = i.Unit,
                Direction = i.Direction,
                BaselineValue = i.BaselineValue,
                BaselineDate = i.BaselineDate,
                Source = i.Source,
            });
        }

        foreach (var b in budgets)
        {
            var year = b.Year + (start.Year - source.PeriodStart.Year);
            if (year >= start.Year && year <= end.Year)
            {
                db.BudgetLines.Add(new BudgetLine { Id = Guid.NewGuid(), ActivityId = newIds[b.ActivityId], Year = year, Source = b.Source, DonorName = b.DonorName, PlannedMinor = b.PlannedMinor });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    private static DateOnly Clamp(DateOnly value, DateOnly min, DateOnly max) => value < min ? min : value > max ? max : value;
}
