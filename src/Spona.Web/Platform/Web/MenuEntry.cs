using System.Security.Claims;
using Spona.Web.Platform.Authorization;

namespace Spona.Web.Platform.Web;

/// <summary>
/// A link in the main menu, declared by the module it leads to (<see cref="MenuSetup.AddMenuEntry"/>): the layout
/// names no module. <paramref name="Label"/> is the English key (declare it with <c>Localizable.Text</c> so the
/// translation check finds it); the entry is shown to whoever holds <paramref name="Permission"/> (everyone signed in
/// when null) unless they hold <paramref name="HiddenWith"/> (a module's lesser page when its fuller one is shown);
/// it is marked current under <paramref name="Section"/> (its own address when null). Entries appear by
/// <paramref name="Order"/>.
/// </summary>
public sealed record MenuEntry(string Href, string Label, int Order, string? Permission = null, string? HiddenWith = null, string? Section = null)
{
    public bool IsShownTo(ClaimsPrincipal user) =>
        (Permission is null || RolePermissions.Allows(user, Permission)) && (HiddenWith is null || !RolePermissions.Allows(user, HiddenWith));

    public bool IsCurrent(PathString path) => path.StartsWithSegments(Section ?? Href, StringComparison.OrdinalIgnoreCase);
}

public static class MenuSetup
{
    public static IServiceCollection AddMenuEntry(this IServiceCollection services, MenuEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!entry.Href.StartsWith('/') || entry.Href.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"A menu entry leads to a local address, not '{entry.Href}'.", nameof(entry));
        }

        return services.AddSingleton(entry);
    }
}
