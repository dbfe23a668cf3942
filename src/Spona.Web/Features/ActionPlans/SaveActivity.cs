using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Features.Strategy;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public sealed record ActivityInput
{
    public PlanTitles? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>The strategy measures (ids) it serves: at least one.</summary>
    public IReadOnlyList<Guid>? MeasureIds { get; init; }

    /// <summary>Items of those measures it serves, optionally.</summary>
    public IReadOnlyList<Guid>? MeasureItemIds { get; init; }

    public Guid? LeadInstitutionId { get; init; }

    public IReadOnlyList<Guid>? PartnerInstitutionIds { get; init; }

    public DateOnly? Start { get; init; }

    public DateOnly? End { get; init; }

    public int? Version { get; init; }
}

/// <summary>
/// Adds an activity to a plan or changes one: measures of the strategy in force, a lead and partner institutions,
/// dates within the plan. Only the plan's owner does; the lead institution updates status and progress
/// (<see cref="RecordActivityStatus"/>).
/// </summary>
public sealed class SaveActivity(AppDbContext db, PlanAccess access, PlanChanges changes, StrategyMeasureDirectory measures)
{
    public const int MaxPartners = 30;

    private readonly List<(Guid MeasureId, Guid ItemId)> checkedItems = [];

    private IEnumerable<(Guid MeasureId, Guid ItemId)> ItemsOf(ActivityInput input) =>
        checkedItems.Where(i => input.MeasureIds!.Contains(i.MeasureId));

    public async Task<EditOutcome> CreateAsync(Guid planId, ActivityInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
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
        if (await CheckAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        PlanActivity.CheckDates(input.Start!.Value, input.End!.Value, plan);
        var number = (await db.PlanActivities.Where(a => a.PlanId == planId).MaxAsync(a => (int?)a.Number, cancellationToken) ?? 0) + 1;
        var activity = new PlanActivity
        {
            Id = Guid.NewGuid(),
            PlanId = planId,
            Number = number,
            Status = ActivityStatus.NotStarted,
        };
        Apply(activity, input);
        db.PlanActivities.Add(activity);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(activity.Id.ToString());
    }

    public async Task<EditOutcome> UpdateAsync(Guid id, ActivityInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var activity = await access.FindActivityAsync(id, cancellationToken);
        if (activity is null)
        {
            return EditOutcome.NotFound;
        }

        var plan = await db.ActionPlans.FirstAsync(p => p.Id == activity.PlanId, cancellationToken);
        if (!access.CanManage(plan))
        {
            return EditOutcome.Forbidden;
        }

        if (input.Version != activity.Version)
        {
            return EditOutcome.Conflict;
        }

        plan.EnsureOpen();
        if (await CheckAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        PlanActivity.CheckDates(input.Start!.Value, input.End!.Value, plan);
        Apply(activity, input);
        // The version is the activity's own; a change of only its measures or partners must still raise it.
        db.Entry(activity).Property(a => a.Description).IsModified = true;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(activity.Id.ToString());
    }

    private void Apply(PlanActivity activity, ActivityInput input)
    {
        activity.Title = input.Title!.ToText();
        activity.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        activity.LeadInstitutionId = input.LeadInstitutionId!.Value;
        activity.Start = input.Start!.Value;
        activity.End = input.End!.Value;
        // One link per measure (the measure as a whole) and one per item of it that the activity names.
        var wanted = input.MeasureIds!.Distinct().Select(m => (m, (Guid?)null))
            .Concat(ItemsOf(input).Select(i => (i.MeasureId, (Guid?)i.ItemId))).ToHashSet();
        activity.Measures.RemoveAll(m => !wanted.Contains((m.MeasureId, m.MeasureItemId)));
        foreach (var (measure, item) in wanted.Where(w => !activity.Measures.Any(m => m.MeasureId == w.Item1 && m.MeasureItemId == w.Item2)))
        {
            activity.Measures.Add(new ActivityMeasure { Id = Guid.NewGuid(), ActivityId = activity.Id, MeasureId = measure, MeasureItemId = item });
        }

        var partners = (input.PartnerInstitutionIds ?? []).Distinct().Where(p => p != activity.LeadInstitutionId).ToList();
        activity.Partners.RemoveAll(p => !partners.Contains(p.InstitutionId));
        foreach (var partner in partners.Where(p => activity.Partners.All(x => x.InstitutionId != p)))
        {
            activity.Partners.Add(new ActivityPartner { Id = Guid.NewGuid(), ActivityId = activity.Id, InstitutionId = partner });
        }
    }

    private async Task<EditOutcome?> CheckAsync(ActivityInput input, CancellationToken cancellationToken)
    {
        if (input.Title is null || input.Title.IsEmpty)
        {
            return EditOutcome.Invalid(PlanTitles.Field, "Give the activity's title in at least one language.");
        }

        if (input.Title.TooLong(ActionPlan.TitleLength))
        {
            return EditOutcome.Invalid(PlanTitles.Field, "The title is too long.");
        }

        if (input.Description?.Length > 4000)
        {
            return EditOutcome.Invalid("description", "The description is too long (at most 4000 characters).");
        }

        if (input.MeasureIds is not { Count: > 0 } measureIds)
        {
            return EditOutcome.Invalid("measureIds", "Link the activity to at least one measure of the strategy.");
        }

        var known = (await measures.ListAsync(cancellationToken)).Select(m => m.Id).ToHashSet();
        if (measureIds.Any(m => !known.Contains(m)))
        {
            return EditOutcome.Invalid("measureIds", "A measure is not one of the strategy in force.");
        }

        checkedItems.Clear();
        foreach (var itemId in (input.MeasureItemIds ?? []).Distinct())
        {
            var owner = Guid.Empty;
            foreach (var measureId in measureIds.Distinct())
            {
                if ((await measures.ItemsAsync(measureId, cancellationToken)).Any(i => i.Id == itemId))
                {
                    owner = measureId;
                    break;
                }
            }

            if (owner == Guid.Empty)
            {
                return EditOutcome.Invalid("measureItemIds", "An item is not one of the chosen measures' items.");
            }

            checkedItems.Add((owner, itemId));
        }

        if (input.LeadInstitutionId is not { } lead || !await changes.ActiveInstitutionAsync(lead, cancellationToken))
        {
            return EditOutcome.Invalid("leadInstitutionId", "Choose the institution that leads the activity.");
        }

        var partners = (input.PartnerInstitutionIds ?? []).Distinct().ToList();
        if (partners.Count > MaxPartners || await changes.ActiveInstitutionCountAsync(partners, cancellationToken) != partners.Count)
        {
            return EditOutcome.Invalid("partnerInstitutionIds", "A partner is not an active institution (or there are more than 30).");
        }

        if (input.Start is null)
        {
            return EditOutcome.Invalid("start", "Give the day the activity starts.");
        }

        if (input.End is null)
        {
            return EditOutcome.Invalid("end", "Give the day the activity ends.");
        }

        return null;
    }
}
