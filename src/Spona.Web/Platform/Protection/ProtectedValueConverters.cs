using System.Reflection;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Spona.Web.Platform.Protection;

/// <summary>
/// The value converters of encrypted properties of any type (ADR 0010, ADR 0019): the model keeps the property's own
/// type (a date of birth is a <see cref="DateOnly"/>), the column holds the ciphertext of its
/// <see cref="ProtectedValueFormat"/> text. A nullable property uses the converter of its underlying type; EF never
/// passes null to it, so null stays null.
/// </summary>
internal static class ProtectedValueConverters
{
    private static readonly MethodInfo TypedConverter = typeof(ProtectedValueConverters).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo TypedComparer = typeof(ProtectedValueConverters).GetMethod(nameof(Comparer), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static ValueConverter Create(Type clrType, FieldProtector? protector, string binding) =>
        (ValueConverter)TypedConverter.MakeGenericMethod(Nullable.GetUnderlyingType(clrType) ?? clrType).Invoke(null, [protector, binding])!;

    /// <summary>A comparer by plaintext form for reference types other than string (small JSON values); null otherwise.</summary>
    public static ValueComparer? ComparerFor(Type clrType) =>
        clrType.IsValueType || clrType == typeof(string) ? null : (ValueComparer)TypedComparer.MakeGenericMethod(clrType).Invoke(null, null)!;

    private static ValueConverter<T, string> Typed<T>(FieldProtector? protector, string binding) => protector is null
        ? new ValueConverter<T, string>(v => NoProtector<string>(binding), v => NoProtector<T>(binding))
        : new ValueConverter<T, string>(v => protector.Encrypt(binding, ProtectedValueFormat.Write(v)), v => ProtectedValueFormat.Read<T>(protector.Decrypt(binding, v)));

    private static ValueComparer<T> Comparer<T>() => new(
        (a, b) => ReferenceEquals(a, b) || (a != null && b != null && ProtectedValueFormat.Write(a) == ProtectedValueFormat.Write(b)),
        v => v == null ? 0 : StringComparer.Ordinal.GetHashCode(ProtectedValueFormat.Write(v)),
        v => ProtectedValueFormat.Read<T>(ProtectedValueFormat.Write(v)));

    private static TResult NoProtector<TResult>(string binding) =>
        throw new InvalidOperationException($"'{binding}' is encrypted, but this DbContext was configured without UseFieldProtection.");
}
