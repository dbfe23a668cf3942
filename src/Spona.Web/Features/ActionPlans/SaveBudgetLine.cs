using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public sealed record BudgetLineInput(int? Year, FundingSource? Source, string? DonorName, long? PlannedMinor, long? ExecutedMinor, int? Version);

/// <summary>
/// Adds or changes a budget line of an activity: planned by the plan's owner; executed by the owner or the lead
/// institution. One line per year, source and donor.
/// </summary>
public sealed class SaveBudgetLine(AppDbContext db, PlanAccess access)
{
    public async Task<EditOutcome> CreateAsync(Guid activityId, BudgetLineInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Check(input) is { } invalid)
        {
            return invalid;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var activity = await access.FindActivityAsync(activityId, cancellationToken);
        if (activity is null)
        {
            return EditOutcome.NotFound;
        }

        var plan = await db.ActionPlans.AsNoTracking().FirstAsync(p => p.Id == activity.PlanId, cancellationToken);
        if (!access.CanManage(plan))
        {
            return EditOutcome.Forbidden;
        }

        plan.EnsureOpen();
        var donor = string.IsNullOrWhiteSpace(input.DonorName) ? null : input.DonorName.Trim();
        BudgetLine.Check(input.Year!.Value, input.Source!.Value, donor, input.PlannedMinor!.Value, input.ExecutedMinor ?? 0, plan);
        if (await db.BudgetLines.AnyAsync(b => b.ActivityId == activityId && b.Year == input.Year && b.Source == input.Source && b.DonorName == donor, cancellationToken))
        {
            throw new DomainRuleViolation("budget.duplicate", "This activity already has a line for that year and source; change it instead.");
        }

        var line = new BudgetLine
        {
            Id = Guid.NewGuid(),
            ActivityId = activityId,
            Year = input.Year.Value,
            Source = input.Source.Value,
            DonorName = donor,
            PlannedMinor = input.PlannedMinor.Value,
            ExecutedMinor = input.ExecutedMinor ?? 0,
        };
        db.BudgetLines.Add(line);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(line.Id.ToString());
    }

    /// <summary>Changes the amounts of a line: the owner both, the lead institution the executed amount only.</summary>
    public async Task<EditOutcome> UpdateAsync(Guid id, BudgetLineInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var activities = access.Activities().Select(a => a.Id);
        var line = await db.BudgetLines.FirstOrDefaultAsync(b => b.Id == id && activities.Contains(b.ActivityId), cancellationToken);
        if (line is null)
        {
            return EditOutcome.NotFound;
        }

        var activity = await db.PlanActivities.AsNoTracking().FirstAsync(a => a.Id == line.ActivityId, cancellationToken);
        var plan = await db.ActionPlans.AsNoTracking().FirstAsync(p => p.Id == activity.PlanId, cancellationToken);
        var owner = access.CanManage(plan);
        if (!owner && !access.CanUpdate(activity, plan))
        {
            return EditOutcome.Forbidden;
        }

        if (input.Version != line.Version)
        {
            return EditOutcome.Conflict;
        }

        if (input.ExecutedMinor is null || (owner && input.PlannedMinor is null))
        {
            return EditOutcome.Invalid(input.ExecutedMinor is null ? "executedMinor" : "plannedMinor", "Give the amount in fening (1 KM = 100).");
        }

        if (!owner && input.PlannedMinor is { } planned && planned != line.PlannedMinor)
        {
            return EditOutcome.Forbidden;
        }

        plan.EnsureOpen();
        BudgetLine.Check(line.Year, line.Source, line.DonorName, input.PlannedMinor ?? line.PlannedMinor, input.ExecutedMinor.Value, plan);
        line.PlannedMinor = input.PlannedMinor ?? line.PlannedMinor;
        line.ExecutedMinor = input.ExecutedMinor.Value;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(line.Id.ToString());
    }

    private static EditOutcome? Check(BudgetLineInput input)
    {
        if (input.Year is null)
        {
            return EditOutcome.Invalid("year", "Give the budget year.");
        }

        if (input.Source is null)
        {
            return EditOutcome.Invalid("source", "Choose the funding source.");
        }

        if (input.PlannedMinor is null)
        {
            return EditOutcome.Invalid("plannedMinor", "Give the planned amount in fening (1 KM = 100).");
        }

        if (input.DonorName?.Trim().Length > 200)
        {
            return EditOutcome.Invalid("donorName", "The donor's name is too long.");
        }

        return null;
    }
}
