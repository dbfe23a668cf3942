namespace Spona.Web.Platform.Protection;

/// <summary>
/// Gives an encrypted property a blind index kept in <paramref name="indexProperty"/> (a string property of the same
/// entity), computed with the named <paramref name="normaliser"/> (<see cref="BlindIndexNormalisers"/>). A property can
/// carry several, one per normaliser. The classification's <c>BlindIndex</c> is the same as one with <c>exact</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
public sealed class BlindIndexAttribute(string indexProperty, string normaliser = BlindIndexNormalisers.Exact) : Attribute
{
    public string IndexProperty => indexProperty;

    public string Normaliser => normaliser;
}
