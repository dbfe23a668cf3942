using System.Security.Claims;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Spona.Web.Platform.Localization;

public static class LocalizationSetup
{
    public const string CultureClaim = "spona:culture";

    public static IServiceCollection AddSponaLocalization(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TranslationCatalog.LoadEmbedded());
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.Mvc.MvcOptions>, ModelBindingMessages>();
        // After MVC's own setup: its data-annotations provider adds the implicit "required" that ValidationMessages
        // must see to give it a translated message.
        services.PostConfigure<Microsoft.AspNetCore.Mvc.MvcOptions>(options => options.ModelMetadataDetailsProviders.Add(new ValidationMessages()));
        services.AddSingleton<Microsoft.AspNetCore.Mvc.DataAnnotations.IValidationAttributeAdapterProvider, LocalizedAttributeAdapters>();
        services.AddProblemDetailsLanguage();
        var defaultCulture = configuration["Localization:DefaultCulture"];
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var fallback = SupportedCultures.Get(SupportedCultures.IsSupported(defaultCulture) ? defaultCulture! : SupportedCultures.Bosnian);
            options.DefaultRequestCulture = new RequestCulture(fallback, fallback);
            options.SupportedCultures = [.. SupportedCultures.Cultures];
            options.SupportedUICultures = [.. SupportedCultures.Cultures];
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // An explicit ?culture= (API clients), then the signed-in user's remembered choice, then the switcher's cookie, then the browser.
            // Every tag is matched to an interface language first (SupportedCultures.Match): sr-RS is Serbian.
            options.RequestCultureProviders =
            [
                new MatchingCultureProvider(new QueryStringRequestCultureProvider()),
                new CustomRequestCultureProvider(context => Task.FromResult(FromUser(context.User))),
                new MatchingCultureProvider(new CookieRequestCultureProvider()),
                new AcceptLanguageCultureProvider(),
            ];
        });
        return services;
    }

    private static ProviderCultureResult? FromUser(ClaimsPrincipal user)
    {
        var culture = user.FindFirst(CultureClaim)?.Value;
        return SupportedCultures.IsSupported(culture) ? new ProviderCultureResult(culture) : null;
    }
}
