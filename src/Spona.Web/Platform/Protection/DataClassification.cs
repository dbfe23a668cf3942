using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Spona.Web.Platform.Protection;

public enum DataSensitivity
{
    /// <summary>Ordinary personal data (GDPR art. 4(1)): names, contact details.</summary>
    Personal,

    /// <summary>Special categories (GDPR art. 9/10): health, sex life, ethnicity, criminal matters; victims' data.</summary>
    SpecialCategory,

    /// <summary>Secrets tied to a person: authenticator keys, recovery codes.</summary>
    Secret,
}

/// <summary>
/// The classification of one stored property (S14): why it is kept, on what legal basis, for how long, how sensitive
/// it is, whether it is encrypted at rest (default yes), and which property holds its blind index, if any.
/// </summary>
public sealed record DataClassification(string Purpose, string LegalBasis, string Retention, DataSensitivity Sensitivity = DataSensitivity.Personal, bool Encrypted = true, string? BlindIndex = null)
{
    public const string Annotation = "Spona:DataClassification";

    public bool IsComplete => !string.IsNullOrWhiteSpace(Purpose) && !string.IsNullOrWhiteSpace(LegalBasis) && !string.IsNullOrWhiteSpace(Retention);
}

/// <summary>
/// Marks a property as personal data and classifies it; encrypted at rest unless <see cref="Encrypted"/> is false.
/// (Not ASP.NET Identity's <c>PersonalDataAttribute</c>, which only drives its download and delete pages.)
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class PersonalDataClassificationAttribute : Attribute
{
    public required string Purpose { get; init; }

    public required string LegalBasis { get; init; }

    public required string Retention { get; init; }

    public DataSensitivity Sensitivity { get; init; } = DataSensitivity.Personal;

    public bool Encrypted { get; init; } = true;

    /// <summary>The name of a string property on the same entity that keeps this value's blind index.</summary>
    public string? BlindIndex { get; init; }

    public DataClassification ToClassification() => new(Purpose, LegalBasis, Retention, Sensitivity, Encrypted, BlindIndex);
}

/// <summary>
/// Declares that a property whose name looks personal (e.g. an institution's Email) is not personal data, with the
/// reason; the classification test then accepts it unclassified (DataClassificationRegistry).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class NotPersonalDataAttribute(string reason) : Attribute
{
    public string Reason => reason;
}

public static class DataClassificationExtensions
{
    /// <summary>Classifies a property of a type we do not own (e.g. ASP.NET Identity's), as the attribute does.</summary>
    public static PropertyBuilder<TProperty> IsPersonalData<TProperty>(this PropertyBuilder<TProperty> builder, DataClassification classification)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasAnnotation(DataClassification.Annotation, classification);
        return builder;
    }

    /// <summary>The classification of <paramref name="property"/>: the fluent annotation first, then the attribute.</summary>
    public static DataClassification? GetDataClassification(this IReadOnlyProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (property.FindAnnotation(DataClassification.Annotation)?.Value is DataClassification annotated)
        {
            return annotated;
        }

        var attribute = property.PropertyInfo?.GetCustomAttributes(typeof(PersonalDataClassificationAttribute), inherit: true).OfType<PersonalDataClassificationAttribute>().FirstOrDefault();
        return attribute?.ToClassification();
    }

    /// <summary>The binding of encrypted values to their place: <c>table.column</c>. Renaming either needs a data migration.</summary>
    public static string EncryptionBinding(this IReadOnlyProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var entity = property.DeclaringType.ContainingEntityType;
        var table = entity.GetTableName() ?? entity.ShortName();
        return $"{table}.{property.GetColumnName()}";
    }
}
