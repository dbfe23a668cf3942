using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Identity;

/// <summary>
/// Checks every cookie on every request (S3): the account still exists, is not disabled, its security stamp is the one
/// the cookie was issued with (sign-out, a password change, new roles or a reset second factor change it), and the
/// session is younger than its absolute lifetime. One indexed query per request; revocation takes effect at once.
/// </summary>
internal static class SessionValidation
{
    public const string SessionStartKey = ".spona.session-start";

    public static Task OnSigningIn(CookieSigningInContext context)
    {
        if (!context.Properties.Items.ContainsKey(SessionStartKey))
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            context.Properties.Items[SessionStartKey] = now.ToString("O", CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }

    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var sessions = services.GetRequiredService<IOptions<SessionOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!context.Properties.Items.TryGetValue(SessionStartKey, out var startText)
            || !DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var start)
            || now - start >= sessions.AbsoluteLifetime
            || start > now.AddMinutes(5))
        {
            await RejectAsync(context);
            return;
        }

        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = context.Principal?.FindFirstValue(stampClaim);
        if (!Guid.TryParse(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) || stamp is null)
        {
            await RejectAsync(context);
            return;
        }

        var db = services.GetRequiredService<AppDbContext>();
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.IsDisabled, u.InstitutionId, u.JurisdictionId })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (account is null || account.IsDisabled || !string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            await RejectAsync(context);
            return;
        }

        // The account as it is now, for the rest of the request (Access.CurrentUser): no second query for the scope.
        Access.AuthenticatedAccount.Remember(context.HttpContext, new Access.AuthenticatedAccount(userId, account.InstitutionId, account.JurisdictionId));
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
