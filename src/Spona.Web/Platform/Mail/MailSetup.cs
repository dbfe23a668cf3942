namespace Spona.Web.Platform.Mail;

public static class MailSetup
{
    /// <summary>
    /// E-mail over SMTP when <c>Smtp:Host</c> is set (a wrong setting stops the start here); the outbox and its sender
    /// either way, so that modules ask <see cref="MailOutbox.IsConfigured"/> instead of reading configuration.
    /// </summary>
    public static IServiceCollection AddSponaMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new SmtpConfiguration(SmtpSettings.Load(configuration)));
        services.AddSingleton<MailSignal>();
        services.AddScoped<MailOutbox>();
        services.AddSingleton<MailSender>();
        services.AddHostedService(provider => provider.GetRequiredService<MailSender>());
        return services;
    }
}
