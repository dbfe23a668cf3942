using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

/// <summary>Generate: <c>kind</c> and <c>dueDays</c>. One period: <c>kind</c> Other with label, start, end and due date.</summary>
public sealed record PeriodsInput(PeriodKind? Kind, int? DueDays, string? Label, DateOnly? Start, DateOnly? End, DateOnly? DueOn);

/// <summary>
/// Gives a plan its reporting periods (the owner only): every half-year or year of its period, due a configurable
/// number of days after each ends, or one period by hand. A label already used in the plan is refused.
/// </summary>
public sealed class AddPeriods(AppDbContext db, PlanAccess access, PlanChanges changes)
{
    public async Task<EditOutcome> AddAsync(Guid planId, PeriodsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Kind is null)
        {
            return EditOutcome.Invalid("kind", "Choose half-yearly, yearly, or one other period.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await changes.LockPlanAsync(planId, cancellationToken);
        var plan = await access.FindPlanAsync(planId, cancellationToken);
        if (plan is null)
        {
            return EditOutcome.NotFound;
        }

        if (!access.CanManage(plan))
        {
            return EditOutcome.Forbidden;
        }

        plan.EnsureOpen();
        List<ReportingPeriod> periods;
        if (input.Kind == PeriodKind.Other)
        {
            if (string.IsNullOrWhiteSpace(input.Label) || input.Label.Trim().Length > 64)
            {
                return EditOutcome.Invalid("label", "Name the period (up to 64 characters).");
            }

            if (input.Start is not { } start || input.End is not { } end || input.DueOn is not { } due)
            {
                return EditOutcome.Invalid(input.Start is null ? "start" : input.End is null ? "end" : "dueOn", "Give the period's first and last day and the date its reports are due.");
            }

            ReportingPeriod.Check(start, end, due, plan);
            periods = [new ReportingPeriod { Id = Guid.NewGuid(), PlanId = planId, Kind = PeriodKind.Other, Label = input.Label.Trim(), Start = start, End = end, DueOn = due }];
        }
        else
        {
            if (input.DueDays is null)
            {
                return EditOutcome.Invalid("dueDays", "Say how many days after a period ends its reports are due.");
            }

            periods = ReportingPeriod.Generate(plan, input.Kind.Value, input.DueDays.Value);
        }

        var labels = periods.Select(p => p.Label).ToList();
        if (await db.ReportingPeriods.AnyAsync(p => p.PlanId == planId && labels.Contains(p.Label), cancellationToken))
        {
            throw new DomainRuleViolation("period.duplicate", "The plan already has a period of that name.");
        }

        db.ReportingPeriods.AddRange(periods);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(periods.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
