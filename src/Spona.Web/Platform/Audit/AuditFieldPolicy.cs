using Microsoft.EntityFrameworkCore.Metadata;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// Decides which properties are personal data: the audit trail records their names only, never their values (S6).
/// A property is personal when its CLR member carries ASP.NET Core Identity's <c>[PersonalData]</c>/<c>[ProtectedPersonalData]</c>
/// or any attribute named <c>PersonalDataAttribute</c> or <c>SensitiveAttribute</c> from a Spona namespace, and every
/// property with a data classification (S14: <c>[PersonalDataClassification]</c> or the fluent <c>IsPersonalData</c>).
/// </summary>
public static class AuditFieldPolicy
{
    public static bool IsPersonal(IProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (Protection.DataClassificationExtensions.GetDataClassification(property) is not null)
        {
            return true;
        }

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

            if (attribute is Protection.PersonalDataClassificationAttribute)
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
