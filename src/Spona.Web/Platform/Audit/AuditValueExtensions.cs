using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Spona.Web.Platform.Audit;

/// <summary>The fluent form of <see cref="AuditValueAttribute"/>, for properties of types we do not own.</summary>
public static class AuditValueExtensions
{
    public const string Annotation = "Spona:AuditValue";

    public static PropertyBuilder<TProperty> AuditValue<TProperty>(this PropertyBuilder<TProperty> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasAnnotation(Annotation, true);
        return builder;
    }
}
