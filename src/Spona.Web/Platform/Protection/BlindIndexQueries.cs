using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Spona.Web.Platform.Protection;

/// <summary>Exact-match search on encrypted properties through their blind index.</summary>
public static class BlindIndexQueries
{
    /// <summary>
    /// Rows whose <paramref name="source"/> (an encrypted property with <c>BlindIndex = nameof(...)</c>) equals
    /// <paramref name="value"/> after normalisation, e.g. <c>db.People.WhereBlindIndexEquals(db, p => p.Email, "a@b.ba")</c>.
    /// </summary>
    public static IQueryable<T> WhereBlindIndexEquals<T>(this IQueryable<T> query, DbContext db, Expression<Func<T, string?>> source, string value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var (indexName, index) = IndexFor(db, source, value);
        return query.Where(e => EF.Property<string>(e, indexName) == index);
    }

    /// <summary>The blind-index property name and the index value for <paramref name="value"/> of <paramref name="source"/>.</summary>
    public static (string IndexProperty, string Index) IndexFor<T>(DbContext db, Expression<Func<T, string?>> source, string value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(source);
        var name = source.Body is MemberExpression member ? member.Member.Name : throw new ArgumentException("Pass a property, e.g. x => x.Email.", nameof(source));
        var property = db.Model.FindEntityType(typeof(T))?.FindProperty(name) ?? throw new ArgumentException($"{typeof(T).Name}.{name} is not mapped.", nameof(source));
        var indexName = property.GetDataClassification()?.BlindIndex ?? throw new ArgumentException($"{typeof(T).Name}.{name} has no blind index.", nameof(source));
        var protector = db.GetService<IDbContextOptions>().FindExtension<FieldProtectionOptionsExtension>()?.Protector
            ?? throw new InvalidOperationException("This DbContext was configured without UseFieldProtection.");
        return (indexName, protector.BlindIndex(property.EncryptionBinding(), value));
    }
}
