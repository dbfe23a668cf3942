using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Spona.Web.Platform.Protection;

/// <summary>One classified property of the data model: the rows of the record of processing (S14).</summary>
public sealed record ClassifiedProperty(string Entity, string Table, string Column, string Property, DataClassification Classification);

/// <summary>
/// Lists every classified property of the model, and finds properties that look like personal data but are not
/// classified. The rule (docs/adr/0010-field-encryption.md) — a property must be classified when:
/// <list type="number">
/// <item>it carries ASP.NET Identity's <c>[PersonalData]</c> or <c>[ProtectedPersonalData]</c>; or</item>
/// <item>its name is one of <see cref="PersonalNames"/> (any entity), or <c>Name</c>/<c>Surname</c> on a person-like entity
/// (an Identity user, or an entity with a FirstName, LastName or DateOfBirth property); or</item>
/// <item>it is one of Identity's secret or identifier columns in <see cref="IdentityColumns"/>.</item>
/// </list>
/// A property marked <see cref="NotPersonalDataAttribute"/> (with its reason) is exempt from 2 and 3.
/// Every classification needs a non-empty purpose, legal basis and retention.
/// </summary>
public sealed class DataClassificationRegistry(IModel model)
{
    public static readonly IReadOnlySet<string> PersonalNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "Email", "NormalizedEmail", "UserName", "NormalizedUserName", "PhoneNumber", "Phone", "MobilePhone", "DisplayName",
        "FirstName", "LastName", "MiddleName", "MaidenName", "FullName", "FatherName", "MotherName", "DateOfBirth",
        "BirthDate", "PlaceOfBirth", "Address", "StreetAddress", "HomeAddress", "PersonalNumber", "Jmbg",
        "PassportNumber", "IdentityCardNumber", "Nationality", "Citizenship",
    };

    public static readonly IReadOnlySet<string> IdentityColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "IdentityUserToken`1.Value", "IdentityUserLogin`1.ProviderKey", "IdentityUserClaim`1.ClaimValue",
    };

    private static readonly string[] PersonMarkers = ["FirstName", "LastName", "DateOfBirth"];

    public IReadOnlyList<ClassifiedProperty> All => [.. Properties()
        .Select(x => (x.Entity, x.Property, Classification: x.Property.GetDataClassification()))
        .Where(x => x.Classification is not null)
        .Select(x => new ClassifiedProperty(x.Entity.ClrType.Name, x.Entity.GetTableName() ?? "", x.Property.GetColumnName(), x.Property.Name, x.Classification!))
        .OrderBy(p => p.Table, StringComparer.Ordinal).ThenBy(p => p.Column, StringComparer.Ordinal)];

    /// <summary>Properties that the rule says are personal data and that have no classification: "Entity.Property".</summary>
    public IReadOnlyList<string> Unclassified() => [.. Properties()
        .Where(x => x.Property.GetDataClassification() is null && LooksPersonal(x.Entity, x.Property))
        .Select(x => $"{x.Entity.ClrType.Name}.{x.Property.Name}")];

    /// <summary>Classifications with an empty purpose, legal basis or retention: "Entity.Property".</summary>
    public IReadOnlyList<string> Incomplete() => [.. All.Where(p => !p.Classification.IsComplete).Select(p => $"{p.Entity}.{p.Property}")];

    public static bool LooksPersonal(IReadOnlyEntityType entity, IReadOnlyProperty property)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(property);
        var info = property.PropertyInfo;
        if (info?.GetCustomAttribute<NotPersonalDataAttribute>(inherit: true) is not null)
        {
            return false;
        }

        if (info is not null && (info.GetCustomAttribute<PersonalDataAttribute>(inherit: true) is not null || info.GetCustomAttribute<ProtectedPersonalDataAttribute>(inherit: true) is not null))
        {
            return true;
        }

        if (PersonalNames.Contains(property.Name))
        {
            return true;
        }

        var declaring = info?.DeclaringType ?? entity.ClrType;
        var generic = declaring.IsGenericType ? declaring.GetGenericTypeDefinition().Name : declaring.Name;
        if (IdentityColumns.Contains($"{generic}.{property.Name}"))
        {
            return true;
        }

        var personLike = IsIdentityUser(entity.ClrType) || PersonMarkers.Any(m => entity.FindProperty(m) is not null);
        return personLike && property.Name is "Name" or "Surname";
    }

    private static bool IsIdentityUser(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IdentityUser<>))
            {
                return true;
            }
        }

        return false;
    }

    private IEnumerable<(IEntityType Entity, IProperty Property)> Properties() =>
        model.GetEntityTypes().SelectMany(e => e.GetDeclaredProperties().Select(p => (e, p)));
}
