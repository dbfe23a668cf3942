using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

/// <summary>A plan's header as a form or the API sends it.</summary>
public sealed record PlanInput
{
    public PlanTitles? Title { get; init; }

    public Guid? JurisdictionId { get; init; }

    /// <summary>The owning coordination body; the caller's own institution when not given.</summary>
    public Guid? OwnerInstitutionId { get; init; }

    public DateOnly? PeriodStart { get; init; }

    public DateOnly? PeriodEnd { get; init; }

    /// <summary>The version read (updates only).</summary>
    public int? Version { get; init; }
}

/// <summary>
/// Creates a plan (a draft) or changes its header. The owner is a coordination body or ministry; the caller owns it
/// (the State Coordinator's office may name another owner). Two open plans of one level may not overlap in time.
/// </summary>
public sealed class SavePlan(AppDbContext db, PlanAccess access, PlanChanges changes, TimeProvider clock)
{
    public async Task<EditOutcome> CreateAsync(PlanInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(ActionPlansPermissions.Manage))
        {
            return EditOutcome.Forbidden;
        }

        var owner = input.OwnerInstitutionId ?? access.Institution;
        if (owner != access.Institution && !access.ReadsAll)
        {
            return EditOutcome.Invalid("ownerInstitutionId", "You can create plans only for your own institution.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (outcome, plan) = await AddAsync(input, owner, cancellationToken);
        if (plan is null)
        {
            return outcome;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(plan.Id.ToString());
    }

    /// <summary>Checks a new plan and adds it to the unit of work, unsaved (for <see cref="CopyPlan"/>, in the caller's transaction).</summary>
    internal async Task<(EditOutcome Outcome, ActionPlan? Plan)> AddAsync(PlanInput input, Guid owner, CancellationToken cancellationToken)
    {
        if (await CheckAsync(input, owner, null, cancellationToken) is { } invalid)
        {
            return (invalid, null);
        }

        var plan = new ActionPlan
        {
            Id = Guid.NewGuid(),
            Title = input.Title!.ToText(),
            JurisdictionId = input.JurisdictionId!.Value,
            OwnerInstitutionId = owner,
            PeriodStart = input.PeriodStart!.Value,
            PeriodEnd = input.PeriodEnd!.Value,
            Status = PlanStatus.Draft,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ActionPlans.Add(plan);
        return (EditOutcome.Done(plan.Id.ToString()), plan);
    }

    public async Task<EditOutcome> UpdateAsync(Guid id, PlanInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await changes.LockPlanAsync(id, cancellationToken);
        var plan = await access.FindPlanAsync(id, cancellationToken);
        if (plan is null)
        {
            return EditOutcome.NotFound;
        }

        if (!access.CanManage(plan))
        {
            return EditOutcome.Forbidden;
        }

        if (input.Version is not { } version || version != plan.Version)
        {
            return EditOutcome.Conflict;
        }

        plan.EnsureOpen();
        if (await CheckAsync(input, plan.OwnerInstitutionId, plan.Id, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var start = input.PeriodStart!.Value;
        var end = input.PeriodEnd!.Value;
        if (await db.PlanActivities.AnyAsync(a => a.PlanId == id && (a.Start < start || a.End > end), cancellationToken)
            || await db.ReportingPeriods.AnyAsync(p => p.PlanId == id && (p.Start < start || p.End > end), cancellationToken))
        {
            throw new DomainRuleViolation("plan.period-excludes-children", "The new period would leave activities or reporting periods outside the plan.");
        }

        plan.Title = input.Title!.ToText();
        plan.JurisdictionId = input.JurisdictionId!.Value;
        plan.PeriodStart = start;
        plan.PeriodEnd = end;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(plan.Id.ToString());
    }

    private async Task<EditOutcome?> CheckAsync(PlanInput input, Guid owner, Guid? self, CancellationToken cancellationToken)
    {
        if (input.Title is null || input.Title.IsEmpty)
        {
            return EditOutcome.Invalid(PlanTitles.Field, "Give the plan's title in at least one language.");
        }

        if (input.Title.TooLong(ActionPlan.TitleLength))
        {
            return EditOutcome.Invalid(PlanTitles.Field, "The title is too long.");
        }

        if (input.PeriodStart is null)
        {
            return EditOutcome.Invalid("periodStart", "Give the first day of the plan's period.");
        }

        if (input.PeriodEnd is null)
        {
            return EditOutcome.Invalid("periodEnd", "Give the last day of the plan's period.");
        }

        var level = input.JurisdictionId is { } j
            ? await db.Jurisdictions.AsNoTracking().Where(x => x.Id == j).Select(x => (JurisdictionKind?)x.Kind).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (level is null || !PlanChanges.AdoptsPlans(level.Value))
        {
            return EditOutcome.Invalid("jurisdictionId", "Choose the level of government that adopts the plan: BiH, an entity, Brčko District or a canton.");
        }

        var ownerType = await db.Institutions.AsNoTracking().Where(i => i.Id == owner && i.IsActive)
            .Select(i => (InstitutionType?)i.Type).FirstOrDefaultAsync(cancellationToken);
        if (ownerType is not (InstitutionType.CoordinationBody or InstitutionType.Ministry))
        {
            return EditOutcome.Invalid("ownerInstitutionId", "A plan is owned by a coordination body or a ministry.");
        }

        ActionPlan.CheckPeriod(input.PeriodStart.Value, input.PeriodEnd.Value);
        var (start, end, jurisdiction) = (input.PeriodStart.Value, input.PeriodEnd.Value, input.JurisdictionId!.Value);
        if (await db.ActionPlans.AnyAsync(p => p.Id != self && p.JurisdictionId == jurisdiction && p.Status != PlanStatus.Closed
                && p.PeriodStart <= end && p.PeriodEnd >= start, cancellationToken))
        {
            throw new DomainRuleViolation("plan.overlap", "This level already has an open plan for part of that period.");
        }

        return null;
    }
}
