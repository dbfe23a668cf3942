using Spona.Web.Platform.Jobs;

namespace Spona.Web.Platform.Mail;

public static class MailSetup
{
    /// <summary>
    /// E-mail over SMTP when <c>Smtp:Host</c> is set (a wrong setting stops the start here); the outbox and its sender
    /// either way, so that modules ask <see cref="MailOutbox.IsConfigured"/> instead of reading configuration.
    /// </summary>
    public static IServiceCollection AddSponaMail(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SmtpSettings.Load(configuration);
        services.AddSingleton(new SmtpConfiguration(settings));
        services.AddSingleton<MailSignal>();
        services.AddScoped<MailOutbox>();
        services.AddSingleton<MailSender>();
        services.AddHostedService(provider => provider.GetRequiredService<MailSender>());
        if (settings is not null)
        {
            services.AddRecurringJob<MailOutboxPoll>(MailOutboxPoll.JobName, JobSchedule.Every(settings.PollInterval), MisfirePolicy.Skip);
        }

        return services;
    }
}
