using Microsoft.EntityFrameworkCore.Metadata;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// Decides which properties are personal data: the audit trail records their names only, never their values (S6).
/// A property is personal when its CLR member carries ASP.NET Core Identity's <c>[PersonalData]</c>/<c>[ProtectedPersonalData]</c>
/// or any attribute named <c>PersonalDataAttribute</c> or <c>SensitiveAttribute</c> from a Spona namespace. The data
/// classification (S14) plugs its own attribute in here.
/// </summary>
public static class AuditFieldPolicy
{
    public static bool IsPersonal(IProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var member = (System.Reflection.MemberInfo?)property.PropertyInfo ?? property.FieldInfo;
        return member is not null && IsPersonal(member);
    }

    public static bool IsPersonal(System.Reflection.MemberInfo member)
    {
        ArgumentNullException.ThrowIfNull(member);
        foreach (var attribute in member.GetCustomAttributes(inherit: true))
        {
            var type = attribute.GetType();
            if (attribute is Microsoft.AspNetCore.Identity.PersonalDataAttribute)
            {
                return true;
            }

            if (type.Name is "PersonalDataAttribute" or "SensitiveAttribute" or "ProtectedPersonalDataAttribute"
                && type.Namespace?.StartsWith("Spona", StringComparison.Ordinal) == true)
            {
                return true;
            }
        }

        return false;
    }
}
