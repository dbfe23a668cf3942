using Spona.Web.Platform.Localization;

namespace Spona.Web.Platform.Authorization;

/// <summary>
/// Which role sets an administrator may give an account. Separation of duties: the system administrator role is held
/// alone, so an administrator account can never also read case content or the audit trail; and nobody changes their
/// own roles. Returns the message key of the first rule broken, or null.
/// </summary>
public static class RoleGrants
{
    public static string? Check(IReadOnlyCollection<string> roles, bool ownAccount)
    {
        if (ownAccount)
        {
            return Localizable.Text("You cannot change your own roles; another administrator must.");
        }

        if (roles.Count == 0)
        {
            return Localizable.Text("Choose at least one role.");
        }

        if (roles.Any(r => !Roles.All.Contains(r)))
        {
            return Localizable.Text("Unknown role.");
        }

        return roles.Contains(Roles.SystemAdministrator) && roles.Count > 1
            ? Localizable.Text("The system administrator role cannot be combined with another role.")
            : null;
    }
}
