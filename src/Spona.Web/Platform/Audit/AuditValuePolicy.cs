using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Audit;

/// <summary>How the trail records one changed property.</summary>
public enum AuditValueMode
{
    /// <summary>Old and new values, because the property is declared safe (<see cref="AuditValueAttribute"/>).</summary>
    Value,

    /// <summary>Name only, marked personal: classified personal data, encrypted, a blind index, or Identity's personal data.</summary>
    Personal,

    /// <summary>Name only: not declared safe to record (the default for every property).</summary>
    NameOnly,
}

/// <summary>
/// Decides what the audit trail records of a changed property (S6, ADR 0019): safe by declaration, not by omission.
/// A value is recorded only when the property (or the owned navigation holding it) is declared with
/// <see cref="AuditValueAttribute"/> or <c>.AuditValue()</c>, and never when the property is personal data
/// (<see cref="AuditFieldPolicy"/>), encrypted, or a blind index, whatever it declares.
/// </summary>
public static class AuditValuePolicy
{
    public static AuditValueMode ModeOf(IReadOnlyProperty property, IReadOnlyNavigationBase? owner = null)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (IsPersonal(property))
        {
            return AuditValueMode.Personal;
        }

        return IsDeclared(property) || (owner is not null && IsDeclared(owner.PropertyInfo)) ? AuditValueMode.Value : AuditValueMode.NameOnly;
    }

    /// <summary>Personal for the trail: classified, encrypted, a blind index, or personal by attribute.</summary>
    public static bool IsPersonal(IReadOnlyProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (property.GetDataClassification() is not null
            || property.FindAnnotation(FieldProtectionModel.BlindIndexSourceAnnotation) is not null
            || IsBlindIndexOfAnother(property))
        {
            return true;
        }

        var member = (MemberInfo?)property.PropertyInfo ?? property.FieldInfo;
        return member is not null && AuditFieldPolicy.IsPersonal(member);
    }

    /// <summary>Declared safe to record, by attribute or fluent annotation (whether or not the policy lets it through).</summary>
    public static bool IsDeclared(IReadOnlyProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.FindAnnotation(AuditValueExtensions.Annotation)?.Value is true || IsDeclared(property.PropertyInfo);
    }

    private static bool IsDeclared(PropertyInfo? member) => member?.GetCustomAttribute<AuditValueAttribute>(inherit: true) is not null;

    private static bool IsBlindIndexOfAnother(IReadOnlyProperty property) =>
        property.DeclaringType.GetProperties().Any(p => BlindIndexDeclarations.Of(p).Any(i => i.IndexProperty == property.Name));
}
