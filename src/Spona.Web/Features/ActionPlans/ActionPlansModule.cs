using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Jobs;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Notifications;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.ActionPlans;

/// <summary>Action plans and their monitoring (strategy 1.1, 1.2, 1.5): plans, activities, indicators, budgets, progress reports, reminders.</summary>
public sealed class ActionPlansModule : ISponaModule
{
    public int Order => 65;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<PlanAccess>();
        services.AddScoped<PlanChanges>();
        services.AddScoped<ActionPlanQueries>();
        services.AddScoped<SavePlan>();
        services.AddScoped<ChangePlanStatus>();
        services.AddScoped<AddConsultation>();
        services.AddScoped<CopyPlan>();
        services.AddScoped<SaveActivity>();
        services.AddScoped<RecordActivityStatus>();
        services.AddScoped<SaveIndicator>();
        services.AddScoped<SaveBudgetLine>();
        services.AddScoped<AddPeriods>();
        services.AddScoped<LockPeriod>();
        services.AddScoped<SaveReport>();
        services.AddScoped<SubmitReport>();
        services.AddScoped<ReviewReport>();
        services.AddScoped<CorrectReport>();
        services.AddScoped<ReportReminders>();
        foreach (var operation in ActionPlanOperations.All)
        {
            services.AddAuditOperationType(operation);
        }

        foreach (var kind in ActionPlanOperations.Kinds)
        {
            services.AddNotificationKind(kind);
        }

        // Files: a plan's adopting decision, a report's evidence. Reached by whoever reads the plan or the report.
        services.AddRecordType(PlanRecordType,
            (provider, id, ct) => provider.GetRequiredService<AppDbContext>().ActionPlans.AnyAsync(p => p.Id == id, ct),
            (provider, id, ct) => provider.GetRequiredService<PlanAccess>().Plans().AnyAsync(p => p.Id == id, ct));
        services.AddRecordType(ProgressReport.RecordType,
            (provider, id, ct) => provider.GetRequiredService<AppDbContext>().ProgressReports.AnyAsync(r => r.Id == id, ct),
            (provider, id, ct) => provider.GetRequiredService<PlanAccess>().Reports().AnyAsync(r => r.Id == id, ct));
        services.AddOptions<ActionPlanOptions>().BindConfiguration(ActionPlanOptions.Section)
            .Validate(o => o.ReminderIntervalMinutes is >= 1 and <= 1440 && o.HeadAfterDays >= 1 && o.OwnerAfterDays > o.HeadAfterDays,
                "ActionPlans: ReminderIntervalMinutes 1-1440, HeadAfterDays at least 1, OwnerAfterDays after HeadAfterDays.")
            .ValidateOnStart();
        services.AddRecurringJob<ReportReminderJob>(ReportReminderJob.JobName,
            provider => JobSchedule.Every(TimeSpan.FromMinutes(provider.GetRequiredService<IOptions<ActionPlanOptions>>().Value.ReminderIntervalMinutes)),
            MisfirePolicy.RunOnceNow);
        services.AddMenuEntry(new MenuEntry("/action-plans", Localizable.Text("Action plans"), 25, ActionPlansPermissions.Read));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/ActionPlans", ActionPlansPermissions.Read);
            options.Conventions.AddPageRoute("/ActionPlans/Edit", "/action-plans/{id:guid}/edit");
            options.Conventions.AddPageRoute("/ActionPlans/ActivityEdit", "/action-plans/activities/{activityId:guid}/edit");
        });
    }

    public void MapRoutes(IEndpointRouteBuilder routes) => ActionPlanEndpoints.Map(routes);

    public const string PlanRecordType = "ActionPlan";
}
