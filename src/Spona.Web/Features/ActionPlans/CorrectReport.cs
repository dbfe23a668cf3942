using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Errors;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

public sealed record CorrectionInput(string? Reason, ActivityStatus? ReportedStatus, int? PercentComplete, string? Narrative, long? SpentMinor, int? Version);

/// <summary>
/// Corrects a report of a locked period (the Monitoring Team), with a reason: the fields given replace the old ones,
/// and the correction keeps who, when, why, and the fields before and after. Nothing else changes a locked period.
/// </summary>
public sealed class CorrectReport(AppDbContext db, PlanAccess access, IAuditTrail audit, TimeProvider clock)
{
    public async Task<EditOutcome> CorrectAsync(Guid reportId, CorrectionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reason = input.Reason?.Trim();
        if (reason is null || reason.Length < 10 || reason.Length > 2000)
        {
            return EditOutcome.Invalid("reason", "Say why the report is corrected (10 to 2000 characters).");
        }

        if (input.ReportedStatus is null && input.PercentComplete is null && input.Narrative is null && input.SpentMinor is null)
        {
            return EditOutcome.Invalid("narrative", "Give at least one corrected field.");
        }

        if (input.PercentComplete is < 0 or > 100 || input.SpentMinor is < 0 or > BudgetLine.MaxMinor || input.Narrative?.Length > ProgressReport.NarrativeLength)
        {
            return EditOutcome.Invalid(input.PercentComplete is < 0 or > 100 ? "percentComplete" : input.SpentMinor is not null ? "spentMinor" : "narrative", "A corrected value is out of range.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await access.Reports().FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
        {
            return EditOutcome.NotFound;
        }

        if (!access.CanMonitor)
        {
            return EditOutcome.Forbidden;
        }

        if (input.Version != report.Version)
        {
            return EditOutcome.Conflict;
        }

        var period = await db.ReportingPeriods.AsNoTracking().FirstAsync(p => p.Id == report.PeriodId, cancellationToken);
        if (!period.IsLocked)
        {
            throw new DomainRuleViolation("correction.period-open", "Only reports of a locked period are corrected; an open period's report is returned to its institution instead.");
        }

        using var operation = audit.BeginOperation(ActionPlanOperations.CorrectReport.Code, reason);
        var before = Snapshot(report);
        report.ReportedStatus = input.ReportedStatus ?? report.ReportedStatus;
        report.PercentComplete = input.PercentComplete ?? report.PercentComplete;
        report.Narrative = input.Narrative is null ? report.Narrative : input.Narrative.Trim();
        report.SpentMinor = input.SpentMinor ?? report.SpentMinor;
        var now = clock.GetUtcNow().UtcDateTime;
        report.UpdatedAt = now;
        db.ReportCorrections.Add(new ReportCorrection
        {
            Id = Guid.NewGuid(),
            ReportId = report.Id,
            At = now,
            CorrectedByUserId = access.UserId,
            Reason = reason,
            Before = before,
            After = Snapshot(report),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EditOutcome.Done(report.Id.ToString());
    }

    private static string Snapshot(ProgressReport r) => JsonSerializer.Serialize(new
    {
        reportedStatus = r.ReportedStatus.ToString(),
        percentComplete = r.PercentComplete,
        narrative = r.Narrative,
        spentMinor = r.SpentMinor,
    });
}
