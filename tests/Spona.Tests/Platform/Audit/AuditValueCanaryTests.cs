using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Audit;

/// <summary>
/// S6, ADR 0019: the trail records a value only for a property declared safe to record. Every audited entity of the
/// model (found through EF, so a new one is covered without editing this test) is created, changed and deleted with a
/// canary in each property; a canary of a property not declared safe must be in no audit row.
/// </summary>
public sealed class AuditValueCanaryTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task EveryAuditedEntity_CanariesOfUndeclaredProperties_AreInNoAuditRow()
    {
        await app.CreateUserAsync(Roles.SystemAdministrator);
        var planted = new List<(string Entity, string Property, AuditValueMode Mode, string Canary)>();
        var counter = 0;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var audited = PrincipalsFirst([.. db.Model.GetEntityTypes().Where(e => !e.IsOwned() && typeof(IAudited).IsAssignableFrom(e.ClrType))]);
            var created = new List<object>();
            Assert.True(audited.Count >= 6, "audited entities: " + string.Join(", ", audited.Select(e => e.ClrType.Name)));
            foreach (var type in audited)
            {
                var entity = Activator.CreateInstance(type.ClrType)!;
                foreach (var (property, owner) in Settable(type))
                {
                    var value = Canary(db, property, ref counter, first: true);
                    var target = owner is null ? entity : owner.PropertyInfo!.GetValue(entity) ?? Activator.CreateInstance(owner.ClrType)!;
                    property.PropertyInfo!.SetValue(target, value);
                    owner?.PropertyInfo!.SetValue(entity, target);
                    Remember(planted, type, property, owner, value);
                }

                var entry = db.Add(entity);
                await db.SaveChangesAsync();

                foreach (var (property, owner) in Settable(type).Where(p => !p.Property.IsForeignKey()))
                {
                    var value = Canary(db, property, ref counter, first: false);
                    Set(entry, property, owner, value);
                    Remember(planted, type, property, owner, value);
                }

                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                created.Add(entity);
            }

            // Removed children first: a later type's row may refer to an earlier one's (an activity to its plan).
            foreach (var entity in Enumerable.Reverse(created))
            {
                db.Remove(entity);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        var rows = (await AuditDatabase.EntriesAsync(app.Factory)).Select(e => string.Concat(e.Changes, "\n", e.Reason, "\n", e.EntityKey, "\n", e.ActorLabel)).ToList();
        var leaks = planted.Where(p => p.Mode != AuditValueMode.Value && rows.Any(r => r.Contains(p.Canary, StringComparison.Ordinal)))
            .Select(p => $"{p.Entity}.{p.Property} ({p.Mode})").Distinct().ToList();
        var lost = planted.Where(p => p.Mode == AuditValueMode.Value && !rows.Any(r => r.Contains(p.Canary, StringComparison.Ordinal)))
            .Select(p => $"{p.Entity}.{p.Property}").Distinct().ToList();

        Assert.True(leaks.Count == 0, "values of properties not declared safe reached the trail: " + string.Join(", ", leaks));
        // The scan can find what it looks for: every declared-safe canary is in the trail.
        Assert.True(lost.Count == 0, "declared-safe values missing from the trail: " + string.Join(", ", lost));
        Assert.Contains(planted, p => p.Mode == AuditValueMode.NameOnly);
    }

    [Fact]
    public void NoPropertyDeclaredSafe_IsPersonalData()
    {
        using var scope = app.Factory.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        var wrong = new List<string>();
        foreach (var type in model.GetEntityTypes())
        {
            foreach (var property in type.GetDeclaredProperties())
            {
                var ownerDeclared = type.IsOwned() && type.FindOwnership()?.PrincipalToDependent is { } nav && nav.PropertyInfo?.GetCustomAttributes(typeof(AuditValueAttribute), true).Length > 0;
                if ((AuditValuePolicy.IsDeclared(property) || ownerDeclared) && AuditValuePolicy.IsPersonal(property))
                {
                    wrong.Add($"{type.DisplayName()}.{property.Name}");
                }
            }
        }

        Assert.True(wrong.Count == 0, "declared safe to record but personal, encrypted or a blind index: " + string.Join(", ", wrong));
    }

    private static IEnumerable<(IProperty Property, INavigation? Owner)> Settable(IEntityType type)
    {
        // The version of a versioned entity is set by the platform on every save (ADR 0022), not by the caller.
        var platformVersion = typeof(Spona.Web.Platform.Persistence.IVersioned).IsAssignableFrom(type.ClrType);
        foreach (var property in type.GetProperties().Where(p => !p.IsPrimaryKey() && !p.IsShadowProperty() && p.PropertyInfo is not null)
            .Where(p => !(platformVersion && p.Name == nameof(Spona.Web.Platform.Persistence.IVersioned.Version))))
        {
            yield return (property, null);
        }

        foreach (var navigation in type.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && !n.IsCollection))
        {
            foreach (var property in navigation.TargetEntityType.GetProperties().Where(p => !p.IsPrimaryKey() && !p.IsShadowProperty() && p.PropertyInfo is not null))
            {
                yield return (property, navigation);
            }
        }
    }

    private static void Set(EntityEntry entry, IProperty property, INavigation? owner, object? value)
    {
        if (owner is null)
        {
            entry.Property(property.Name).CurrentValue = value;
            return;
        }

        var target = owner.PropertyInfo!.GetValue(entry.Entity) ?? Activator.CreateInstance(owner.ClrType)!;
        property.PropertyInfo!.SetValue(target, value);
        owner.PropertyInfo.SetValue(entry.Entity, target);
        if (entry.Reference(owner.Name).TargetEntry is { } ownedEntry)
        {
            ownedEntry.Property(property.Name).CurrentValue = value;
        }
    }

    /// <summary>The types ordered so that the principal of every required foreign key comes before its dependents.</summary>
    private static List<IEntityType> PrincipalsFirst(List<IEntityType> types)
    {
        var ordered = new List<IEntityType>();
        var left = new List<IEntityType>(types);
        while (left.Count > 0)
        {
            var next = left.FirstOrDefault(t => !t.GetForeignKeys().Any(fk => fk.IsRequired && fk.PrincipalEntityType != t && left.Contains(fk.PrincipalEntityType))) ?? left[0];
            ordered.Add(next);
            left.Remove(next);
        }

        return ordered;
    }

    private static void Remember(List<(string, string, AuditValueMode, string)> planted, IEntityType type, IProperty property, INavigation? owner, object? value)
    {
        var text = value switch
        {
            null or bool => null,
            string s => s,
            DateOnly d => d.ToString("O", CultureInfo.InvariantCulture),
            DateTime d => d.ToString("O", CultureInfo.InvariantCulture)[..19],
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        if (text is not null && !property.ClrType.UnwrapEnum())
        {
            planted.Add((type.ClrType.Name, (owner is null ? "" : owner.Name + ".") + property.Name, AuditValuePolicy.ModeOf(property, owner), text));
        }
    }

    /// <summary>A value no other row holds: a tagged string that fits the column, a number or date far from any real one, an existing principal's key for a foreign key.</summary>
    private static object? Canary(AppDbContext db, IProperty property, ref int counter, bool first)
    {
        counter++;
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (property.IsForeignKey())
        {
            var principal = property.GetContainingForeignKeys().First().PrincipalEntityType;
            if (principal.ClrType == property.DeclaringType.ClrType || property.IsNullable)
            {
                return null;
            }

            var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(principal.ClrType).Invoke(db, null)!;
            var row = set.AsNoTracking().FirstOrDefault() ?? throw new InvalidOperationException($"No {principal.ClrType.Name} row to refer to.");
            return principal.FindPrimaryKey()!.Properties[0].PropertyInfo!.GetValue(row);
        }

        if (type == typeof(string))
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"ZQ{counter:D4}QZ");
            return property.GetMaxLength() is { } max && max < text.Length ? text[..max] : text;
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(first ? values.Length - 1 : 0);
        }

        return type switch
        {
            _ when type == typeof(int) => 7_300_000 + counter,
            _ when type == typeof(long) => 7_300_000_000L + counter,
            _ when type == typeof(decimal) => 7_300_000m + counter + 0.25m,
            _ when type == typeof(Guid) => Guid.NewGuid(),
            _ when type == typeof(DateOnly) => new DateOnly(1901, 1, 1).AddDays(counter),
            _ when type == typeof(DateTime) => new DateTime(1901, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(counter),
            _ when type == typeof(bool) => first,
            _ => throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name}: no canary for {type.Name}; add one here."),
        };
    }
}

internal static class TypeExtensions
{
    /// <summary>Enumerations are recorded by name; their names are not canaries (they appear in every row of the type).</summary>
    public static bool UnwrapEnum(this Type type) => (Nullable.GetUnderlyingType(type) ?? type).IsEnum;
}
