using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Spona.Web.Platform.Protection;

/// <summary>
/// Wires field encryption into EF Core (docs/adr/0010-field-encryption.md). Each DbContext's options carry the
/// <see cref="FieldProtector"/> of its host; the model — whose value converters hold that protector — is cached per
/// protector by <see cref="ProtectedModelCacheKeyFactory"/>, so hosts with different key rings in one process never
/// share converters. Modules only classify properties; they never call the crypto.
/// </summary>
public static class FieldProtectionModel
{
    public const string BlindIndexSourceAnnotation = "Spona:BlindIndexSource";

    /// <summary>Encrypts every property classified as encrypted, on this context's options.</summary>
    public static DbContextOptionsBuilder UseFieldProtection(this DbContextOptionsBuilder options, FieldProtector protector)
    {
        ArgumentNullException.ThrowIfNull(options);
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new FieldProtectionOptionsExtension(protector));
        options.ReplaceService<IModelCacheKeyFactory, ProtectedModelCacheKeyFactory>();
        options.AddInterceptors(new BlindIndexInterceptor(protector));
        return options;
    }

    /// <summary>The protector configured on <paramref name="options"/>, or null (design time).</summary>
    public static FieldProtector? FindProtector(this DbContextOptions options) => options?.FindExtension<FieldProtectionOptionsExtension>()?.Protector;

    /// <summary>
    /// Call at the end of <c>OnModelCreating</c>: gives each encrypted property its converter (and a column length that
    /// fits the ciphertext) and checks every blind-index declaration. Without a protector (design time) the converters
    /// refuse to run; the model's shape is the same.
    /// </summary>
    public static void ApplyFieldProtection(this ModelBuilder builder, FieldProtector? protector)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var entity in builder.Model.GetEntityTypes().ToList())
        {
            foreach (var property in entity.GetDeclaredProperties().ToList())
            {
                var classification = property.GetDataClassification();
                var indexes = BlindIndexDeclarations.Of(property);
                if (classification is null)
                {
                    if (indexes.Count > 0)
                    {
                        throw new InvalidOperationException($"{entity.DisplayName()}.{property.Name} has a blind index but no data classification; classify it first.");
                    }

                    continue;
                }

                foreach (var declaration in indexes)
                {
                    var index = entity.FindProperty(declaration.IndexProperty);
                    if (index is null || index.ClrType != typeof(string))
                    {
                        throw new InvalidOperationException($"{entity.DisplayName()}.{property.Name} names the blind index '{declaration.IndexProperty}', which is not a string property of the same entity.");
                    }

                    if (!BlindIndexNormalisers.All.Contains(declaration.Normaliser))
                    {
                        throw new InvalidOperationException($"{entity.DisplayName()}.{property.Name} names the blind-index normaliser '{declaration.Normaliser}'; use one of: {string.Join(", ", BlindIndexNormalisers.All)}.");
                    }

                    index.SetAnnotation(BlindIndexSourceAnnotation, property.Name);
                    index.SetAnnotation(BlindIndexDeclarations.NormaliserAnnotation, declaration.Normaliser);
                    index.SetMaxLength(BlindIndexNormalisers.ColumnLength(declaration.Normaliser));
                }

                if (!classification.Encrypted)
                {
                    continue;
                }

                var binding = property.EncryptionBinding();
                if (property.ClrType == typeof(string))
                {
                    property.SetValueConverter(Converter(protector, binding));
                    if (property.GetMaxLength() is { } length)
                    {
                        property.SetMaxLength(FieldProtector.CiphertextLength(length));
                    }
                }
                else
                {
                    // Any other type keeps its CLR type in the model; the column holds the ciphertext (ADR 0019).
                    property.SetValueConverter(ProtectedValueConverters.Create(property.ClrType, protector, binding));
                    if (ProtectedValueConverters.ComparerFor(property.ClrType) is { } comparer)
                    {
                        property.SetValueComparer(comparer);
                    }
                }
            }
        }

        if (protector is null)
        {
            // Design time (migrations): classifications are not schema, and EF cannot write them into the snapshot.
            foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredProperties()))
            {
                property.RemoveAnnotation(DataClassification.Annotation);
                property.RemoveAnnotation(BlindIndexSourceAnnotation);
                property.RemoveAnnotation(BlindIndexDeclarations.NormaliserAnnotation);
            }
        }
    }

    /// <summary>Every encrypted column of <paramref name="model"/> (for rotation and status).</summary>
    public static IReadOnlyList<EncryptedColumn> EncryptedColumns(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && !e.IsOwned())
            .SelectMany(e => e.GetProperties().Select(p => (Entity: e, Property: p)))
            .Where(x => x.Property.GetDataClassification() is { Encrypted: true })
            .Select(x => new EncryptedColumn(
                x.Entity.GetTableName()!,
                x.Property.GetColumnName(),
                x.Property.EncryptionBinding(),
                [.. x.Entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName())]))
            .DistinctBy(c => c.Binding, StringComparer.Ordinal)
            .OrderBy(c => c.Binding, StringComparer.Ordinal)];
    }

    private static ValueConverter<string, string> Converter(FieldProtector? protector, string binding) => protector is null
        ? new ValueConverter<string, string>(v => NoProtector(binding), v => NoProtector(binding))
        : new ValueConverter<string, string>(v => protector.Encrypt(binding, v), v => protector.Decrypt(binding, v));

    private static string NoProtector(string binding) =>
        throw new InvalidOperationException($"'{binding}' is encrypted, but this DbContext was configured without UseFieldProtection.");
}

/// <summary>One encrypted column: where it is, its associated-data binding and its table's key columns.</summary>
public sealed record EncryptedColumn(string Table, string Column, string Binding, IReadOnlyList<string> KeyColumns);

/// <summary>Carries the host's protector in the DbContext options; shares EF's internal service provider across hosts.</summary>
internal sealed class FieldProtectionOptionsExtension(FieldProtector protector) : IDbContextOptionsExtension
{
    public FieldProtector Protector => protector;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "FieldProtection ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["Spona:FieldProtection"] = "1";
    }
}

/// <summary>One cached model per context type and protector: converters never cross from one host's keys to another's.</summary>
internal sealed class ProtectedModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context.GetService<IDbContextOptions>().FindExtension<FieldProtectionOptionsExtension>()?.Protector, designTime);
}

/// <summary>Keeps every blind-index column equal to the index of its source property's current value.</summary>
internal sealed class BlindIndexInterceptor(FieldProtector protector) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Update(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Update(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Update(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var indexed = context.Model.GetEntityTypes().Any(e => e.GetProperties().Any(p => p.FindAnnotation(FieldProtectionModel.BlindIndexSourceAnnotation) is not null));
        if (!indexed)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        foreach (var entry in context.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            foreach (var index in entry.Metadata.GetProperties())
            {
                if (index.FindAnnotation(FieldProtectionModel.BlindIndexSourceAnnotation)?.Value is not string sourceName)
                {
                    continue;
                }

                var source = entry.Metadata.FindProperty(sourceName)!;
                var normaliser = index.FindAnnotation(BlindIndexDeclarations.NormaliserAnnotation)?.Value as string ?? BlindIndexNormalisers.Exact;
                var value = entry.Property(sourceName).CurrentValue;
                var computed = value is null ? null : protector.BlindIndex(source.EncryptionBinding(), ProtectedValueFormat.WriteObject(value), normaliser);
                var target = entry.Property(index.Name);
                if (!string.Equals(target.CurrentValue as string, computed, StringComparison.Ordinal))
                {
                    target.CurrentValue = computed;
                }
            }
        }
    }
}
