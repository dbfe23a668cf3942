using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Spona.Web.Platform.Persistence;

/// <summary>
/// Finds the migrations of the configured provider's migrations project. The generated migrations name a marker type
/// of their own project in <c>[DbContext]</c> instead of <see cref="AppDbContext"/>, because those projects cannot
/// reference the web project that references them (docs/adr/0003-migrations-projects.md).
/// </summary>
internal sealed class SponaMigrationsAssembly(IDbContextOptions options, IMigrationsIdGenerator idGenerator) : IMigrationsAssembly
{
    private readonly Lazy<(Assembly Assembly, Type Marker)> target = new(() => Resolve(options));
    private IReadOnlyDictionary<string, TypeInfo>? migrations;

    public Assembly Assembly => target.Value.Assembly;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => migrations ??= Assembly.DefinedTypes
        .Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract && BelongsHere(t))
        .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()?.Id, Type: t))
        .Where(x => x.Id is not null)
        .OrderBy(x => x.Id, StringComparer.Ordinal)
        .ToDictionary(x => x.Id!, x => x.Type, StringComparer.Ordinal);

    public ModelSnapshot? ModelSnapshot
    {
        get
        {
            var type = Assembly.DefinedTypes.FirstOrDefault(t => t.IsSubclassOf(typeof(ModelSnapshot)) && !t.IsAbstract && BelongsHere(t));
            return type is null ? null : (ModelSnapshot?)Activator.CreateInstance(type.AsType());
        }
    }

    public string? FindMigrationId(string nameOrId) => Migrations.Keys.FirstOrDefault(id =>
        string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
        || string.Equals(idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private bool BelongsHere(TypeInfo type) => type.GetCustomAttribute<DbContextAttribute>()?.ContextType == target.Value.Marker;

    private static (Assembly, Type) Resolve(IDbContextOptions options)
    {
        var name = options.Extensions.OfType<RelationalOptionsExtension>().FirstOrDefault()?.MigrationsAssembly
            ?? throw new InvalidOperationException("No migrations assembly is configured.");
        var assembly = Assembly.Load(new AssemblyName(name));
        var marker = assembly.GetTypes().Single(t => t.Name.EndsWith("MigrationsMarker", StringComparison.Ordinal));
        return (assembly, marker);
    }
}
