using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Spona.Web.Platform.Protection;

/// <summary>Exact-match search on encrypted properties through their blind index.</summary>
public static class BlindIndexQueries
{
    /// <summary>
    /// Rows whose <paramref name="source"/> (an encrypted property with a blind index) equals <paramref name="value"/>
    /// after the named normaliser, e.g. <c>db.People.WhereBlindIndexEquals(db, p => p.Email, "a@b.ba")</c>.
    /// </summary>
    public static IQueryable<T> WhereBlindIndexEquals<T>(this IQueryable<T> query, DbContext db, Expression<Func<T, string?>> source, string value, string normaliser = BlindIndexNormalisers.Exact)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var (indexName, index) = IndexFor(db, source, value, normaliser);
        return query.Where(e => EF.Property<string>(e, indexName) == index);
    }

    /// <summary>
    /// Rows whose <paramref name="source"/> contains every word of <paramref name="value"/> after folding (Cyrillic or
    /// Latin, with or without diacritics, any case), through its <c>folded-words</c> index: "saric" finds "Ana Šarić".
    /// </summary>
    public static IQueryable<T> WhereBlindIndexHasWords<T>(this IQueryable<T> query, DbContext db, Expression<Func<T, string?>> source, string value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var (property, protector) = Resolve(db, source);
        var indexName = IndexProperty(property, BlindIndexNormalisers.FoldedWords);
        var words = BlindIndexNormalisers.Words(BlindIndexNormalisers.Fold(value));
        if (words.Count == 0)
        {
            return query.Where(e => false);
        }

        foreach (var word in words)
        {
            var needle = " " + protector.WordIndex(property.EncryptionBinding(), word) + " ";
            query = query.Where(e => EF.Property<string>(e, indexName).Contains(needle));
        }

        return query;
    }

    /// <summary>The blind-index property name and the index value for <paramref name="value"/> of <paramref name="source"/>.</summary>
    public static (string IndexProperty, string Index) IndexFor<T>(DbContext db, Expression<Func<T, string?>> source, string value, string normaliser = BlindIndexNormalisers.Exact)
        where T : class
    {
        var (property, protector) = Resolve(db, source);
        return (IndexProperty(property, normaliser), protector.BlindIndex(property.EncryptionBinding(), value, normaliser));
    }

    private static (Microsoft.EntityFrameworkCore.Metadata.IProperty Property, FieldProtector Protector) Resolve<T>(DbContext db, Expression<Func<T, string?>> source)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(source);
        var name = source.Body is MemberExpression member ? member.Member.Name : throw new ArgumentException("Pass a property, e.g. x => x.Email.", nameof(source));
        var property = db.Model.FindEntityType(typeof(T))?.FindProperty(name) ?? throw new ArgumentException($"{typeof(T).Name}.{name} is not mapped.", nameof(source));
        var protector = db.GetService<IDbContextOptions>().FindExtension<FieldProtectionOptionsExtension>()?.Protector
            ?? throw new InvalidOperationException("This DbContext was configured without UseFieldProtection.");
        return (property, protector);
    }

    private static string IndexProperty(Microsoft.EntityFrameworkCore.Metadata.IProperty property, string normaliser) =>
        BlindIndexDeclarations.Of(property).FirstOrDefault(i => i.Normaliser == normaliser)?.IndexProperty
        ?? throw new ArgumentException($"{property.DeclaringType.DisplayName()}.{property.Name} has no '{normaliser}' blind index.", nameof(property));
}
