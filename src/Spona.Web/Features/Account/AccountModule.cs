using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Localization;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Account;

public sealed class AccountModule : ISponaModule
{
    public int Order => 10;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            options.Conventions.AllowAnonymousToPage("/Account/SignIn");
            options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            options.Conventions.AllowAnonymousToPage("/Account/Setup");
            options.Conventions.AllowAnonymousToPage("/Account/SignInCode");
            options.Conventions.AllowAnonymousToPage("/Account/Activate");
            options.Conventions.AllowAnonymousToPage("/Shared/Error");
        });
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        // Language switcher: a plain form post, works without JavaScript. Remembered in a cookie and, for a signed-in
        // user, in their account so that it follows them to any device.
        routes.MapPost("/culture", SetCultureAsync).AllowAnonymous().ExcludeFromDescription();
        TokenEndpoints.Map(routes);
    }

    private static async Task<IResult> SetCultureAsync(
        HttpContext context,
        [FromForm] string? culture,
        [FromForm] string? returnUrl,
        UserManager<SponaUser> users,
        SignInManager<SponaUser> signIn)
    {
        if (!SupportedCultures.IsSupported(culture))
        {
            // A form post from a page: no body, so that the browser gets the error page (status code pages).
            return Results.BadRequest();
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
            new CookieOptions { Expires = DateTimeOffset.MaxValue, IsEssential = true, HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/" });

        if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } user)
        {
            user.PreferredCulture = culture;
            await users.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
        }

        return Results.LocalRedirect(LocalReturnUrl.OrRoot(returnUrl));
    }
}
