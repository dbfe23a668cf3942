using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Spona.Web.Platform.Protection;

/// <summary>One blind index of a source property: the property that keeps it and its normaliser.</summary>
public sealed record BlindIndexDeclaration(string IndexProperty, string Normaliser);

public static class BlindIndexDeclarations
{
    /// <summary>The annotation on an index property naming its normaliser (beside <see cref="FieldProtectionModel.BlindIndexSourceAnnotation"/>).</summary>
    public const string NormaliserAnnotation = "Spona:BlindIndexNormaliser";

    /// <summary>Every blind index of <paramref name="source"/>: the classification's (exact), then the attributes.</summary>
    public static IReadOnlyList<BlindIndexDeclaration> Of(IReadOnlyProperty source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var list = new List<BlindIndexDeclaration>();
        if (source.GetDataClassification()?.BlindIndex is { } legacy)
        {
            list.Add(new BlindIndexDeclaration(legacy, BlindIndexNormalisers.Exact));
        }

        if (source.PropertyInfo is { } info)
        {
            list.AddRange(info.GetCustomAttributes<BlindIndexAttribute>(inherit: true).Select(a => new BlindIndexDeclaration(a.IndexProperty, a.Normaliser)));
        }

        return list;
    }

    /// <summary>
    /// The HMAC purpose of an index: the column binding for <c>exact</c> (as before several normalisers existed, so
    /// stored indexes stay valid), the binding and the normaliser's name otherwise.
    /// </summary>
    public static string Purpose(string binding, string normaliser) =>
        normaliser == BlindIndexNormalisers.Exact ? binding : binding + "#" + normaliser;
}
