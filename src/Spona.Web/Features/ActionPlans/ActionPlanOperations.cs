using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Notifications;

namespace Spona.Web.Features.ActionPlans;

/// <summary>The module's audited operation types and notice kinds.</summary>
public static class ActionPlanOperations
{
    public static readonly AuditOperationType ChangePlanStatus = new("action-plans.plan.status", Localizable.Text("Change an action plan's status"));
    public static readonly AuditOperationType CopyPlan = new("action-plans.plan.copy", Localizable.Text("Start an action plan as a copy"));
    public static readonly AuditOperationType SubmitReport = new("action-plans.report.submit", Localizable.Text("Submit a progress report"));
    public static readonly AuditOperationType ReviewReport = new("action-plans.report.review", Localizable.Text("Review a progress report"));
    public static readonly AuditOperationType LockPeriod = new("action-plans.period.lock", Localizable.Text("Lock a reporting period"));
    public static readonly AuditOperationType CorrectReport = new("action-plans.report.correct", Localizable.Text("Correct a report of a locked period"), RequiresReason: true);

    public static readonly NotificationKind ReportSubmitted = new("action-plans.report.submitted", Localizable.Text("A progress report was submitted for your review."));
    public static readonly NotificationKind ReportReturned = new("action-plans.report.returned", Localizable.Text("A progress report of your institution was returned with comments."));
    public static readonly NotificationKind ReportAccepted = new("action-plans.report.accepted", Localizable.Text("A progress report of your institution was accepted."));
    public static readonly NotificationKind ReportOverdue = new("action-plans.report.overdue", Localizable.Text("A progress report of your institution is overdue."));
    public static readonly NotificationKind ReportOverdueHead = new("action-plans.report.overdue-head", Localizable.Text("A progress report of your institution is still overdue after a week."));
    public static readonly NotificationKind ReportOverdueOwner = new("action-plans.report.overdue-owner", Localizable.Text("A progress report on your plan is overdue after two weeks."));

    public static IEnumerable<AuditOperationType> All => [ChangePlanStatus, CopyPlan, SubmitReport, ReviewReport, LockPeriod, CorrectReport];

    public static IEnumerable<NotificationKind> Kinds => [ReportSubmitted, ReportReturned, ReportAccepted, ReportOverdue, ReportOverdueHead, ReportOverdueOwner];
}
