using System.Reflection;
using System.Runtime.CompilerServices;
using Spona.Tests.Infrastructure;
using static Spona.Tests.Infrastructure.TypeDependencies;

namespace Spona.Tests.Platform;

/// <summary>The conventions of docs/architecture.md that a compiler does not check.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly App = typeof(Program).Assembly;

    [Fact]
    public void Classes_AreSealedStaticOrAbstract()
    {
        var classes = App.GetTypes()
            .Where(t => t.IsClass && t != typeof(Program))
            .Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null && !t.Name.Contains('<', StringComparison.Ordinal))
            .Where(t => t.Namespace?.StartsWith("Spona.", StringComparison.Ordinal) == true)
            .ToList();
        var open = classes.Where(t => !t.IsSealed && !t.IsAbstract).Select(t => t.FullName).ToList();

        Assert.True(classes.Count > 50, $"only {classes.Count} classes examined");
        Assert.True(open.Count == 0, "Not sealed: " + string.Join(", ", open));
    }

    /// <summary>
    /// A module reaches another only through Shared, or through the other's declared contract: its permissions class
    /// (<see cref="Spona.Web.Platform.Authorization.IDeclarePermissions"/>), whose constants name the other's policies,
    /// and the read services and records it marks <see cref="Spona.Web.Platform.Modules.IModuleContract"/>. A file that
    /// imports another module may name no other type of it.
    /// </summary>
    [Fact]
    public void Modules_UseEachOtherOnlyThroughSharedOrTheirDeclaredPermissions()
    {
        var features = Path.Combine(SourceTree.WebProject, "Features");
        var modules = Directory.GetDirectories(features).Select(Path.GetFileName).Where(m => m != "Shared").ToList();
        var violations = new List<string>();
        foreach (var module in modules)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(features, module!), "*.cs*", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                foreach (var other in modules.Where(other => other != module && text.Contains($"Spona.Web.Features.{other}", StringComparison.Ordinal)))
                {
                    // A name the file's own module also has (every module has an IndexModel) is its own.
                    var own = App.GetTypes().Where(t => t.Namespace == $"Spona.Web.Features.{module}").Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
                    var types = App.GetTypes().Where(t => t.Namespace == $"Spona.Web.Features.{other}" && !t.IsNested && !t.Name.Contains('<', StringComparison.Ordinal) && !own.Contains(t.Name)).ToList();
                    var named = types.Where(t => System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{t.Name.Split('`')[0]}\b")).ToList();
                    var outsideContract = named.Where(t => !typeof(Spona.Web.Platform.Authorization.IDeclarePermissions).IsAssignableFrom(t) && !typeof(Spona.Web.Platform.Modules.IModuleContract).IsAssignableFrom(t))
                        .Select(t => t.Name).ToList();
                    if (named.Count == 0 || outsideContract.Count > 0)
                    {
                        violations.Add($"{Path.GetRelativePath(features, file)} uses {other}" + (outsideContract.Count > 0 ? ": " + string.Join(", ", outsideContract) : string.Empty));
                    }
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private static readonly string[] Contracts = ["Spona.Web.Platform.Authorization.IDeclarePermissions", "Spona.Web.Platform.Modules.IModuleContract"];

    private static readonly Lazy<IReadOnlyList<Dependency>> AppDependencies = new(() => TypeDependencies.Of(App.Location));

    private static readonly Lazy<IReadOnlyList<Dependency>> FixtureDependencies = new(() => TypeDependencies.Of(typeof(ArchitectureTests).Assembly.Location));

    /// <summary>
    /// The platform names no module, by type: no type of <c>Spona.Web.Platform</c> (nor <c>Program</c>), its nested and
    /// compiler-generated types included, references a type of <c>Spona.Web.Features</c> in its metadata or IL. The
    /// platform finds what modules declare by its own contracts (reflection over the assembly), which needs no reference.
    /// </summary>
    [Fact]
    public void Platform_ReferencesNoModuleType()
    {
        var examined = AppDependencies.Value.Select(d => d.From).Where(t => IsPlatform(t, "Spona.Web.Platform")).Distinct().Count();
        var violations = PlatformToModules(AppDependencies.Value, "Spona.Web.Platform", "Spona.Web.Features");

        Assert.True(examined > 100, $"only {examined} platform types examined");
        Assert.True(violations.Count == 0, "The platform references modules:\n" + string.Join("\n", violations));
    }

    /// <summary>
    /// A module's types (its pages' compiled views included) reference another module's types only where these are the
    /// other's declared contract (<see cref="Spona.Web.Platform.Authorization.IDeclarePermissions"/>,
    /// <see cref="Spona.Web.Platform.Modules.IModuleContract"/>), or Shared.
    /// Constants leave no trace in IL, so <see cref="Modules_UseEachOtherOnlyThroughSharedOrTheirDeclaredPermissions"/>
    /// still reads the source for them.
    /// </summary>
    [Fact]
    public void Modules_ReferenceEachOtherOnlyThroughTheirDeclaredContract()
    {
        var examined = AppDependencies.Value.Select(d => d.From).Where(t => ModuleOf(t, "Spona.Web.Features") is not null).Distinct().Count();
        var violations = ModuleToModule(AppDependencies.Value, "Spona.Web.Features");

        Assert.True(examined > 100, $"only {examined} module types examined");
        Assert.True(violations.Count == 0, "Modules reference each other outside a declared contract:\n" + string.Join("\n", violations));
    }

    /// <summary>The same analyses on a made-up platform and two modules in this test assembly find each kind of reference.</summary>
    [Fact]
    public void TheTypeAnalyses_FindViolations()
    {
        const string root = "Spona.Tests.Platform.ArchitectureFixture";
        var platform = PlatformToModules(FixtureDependencies.Value, $"{root}.Platform", $"{root}.Features");
        string[] expected = ["ViaField", "ViaGenericArgument", "ViaLambdaBody", "ViaAsyncStateMachine", "ViaLocal", "ViaAttribute", "ViaTypeOf", "ViaBaseType", "ViaContract"];
        var flagged = expected.Where(name => platform.Any(v => v.StartsWith($"{root}.Platform.{name} ", StringComparison.Ordinal))).ToList();

        Assert.Equal(expected, flagged);
        Assert.DoesNotContain(platform, v => v.StartsWith($"{root}.Platform.Clean ", StringComparison.Ordinal));

        var modules = ModuleToModule(FixtureDependencies.Value, $"{root}.Features");
        Assert.Contains(modules, v => v.StartsWith($"{root}.Features.Beta.BetaThroughService ", StringComparison.Ordinal) && v.Contains("AlphaService", StringComparison.Ordinal));
        Assert.DoesNotContain(modules, v => v.Contains("BetaThroughContract", StringComparison.Ordinal));
    }

    private static bool IsPlatform(Mono.Cecil.TypeDefinition type, string platform) =>
        type.FullName == "Program" || NamespaceOf(type) == platform || NamespaceOf(type).StartsWith(platform + ".", StringComparison.Ordinal);

    private static bool IsIn(Mono.Cecil.TypeReference type, string prefix) =>
        NamespaceOf(type) == prefix || NamespaceOf(type).StartsWith(prefix + ".", StringComparison.Ordinal);

    private static List<string> PlatformToModules(IEnumerable<Dependency> dependencies, string platform, string features) =>
        [.. dependencies.Where(d => IsPlatform(d.From, platform) && IsIn(d.To, features))
            .Select(d => $"{d.From.FullName} -> {d.To.FullName} ({d.Where})").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static List<string> ModuleToModule(IEnumerable<Dependency> dependencies, string features) =>
        [.. dependencies
            .Select(d => (d.From, d.To, d.Where, FromModule: ModuleOf(d.From, features), ToModule: ModuleOf(d.To, features)))
            .Where(d => d.FromModule is not null && d.ToModule is not null && d.ToModule != "Shared" && d.FromModule != d.ToModule && !IsContract(d.To))
            .Select(d => $"{d.From.FullName} ({d.FromModule}) -> {d.To.FullName} ({d.ToModule}; {d.Where})").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The module a type belongs to: the namespace segment after <paramref name="features"/>, or, for a compiled view
    /// (<c>AspNetCoreGeneratedDocument.Features_Strategy_Index</c>), the folder in its name; views at the root of the
    /// pages (<c>_ViewStart</c>) are Shared.
    /// </summary>
    private static string? ModuleOf(Mono.Cecil.TypeReference type, string features)
    {
        var space = NamespaceOf(type);
        if (space.StartsWith(features + ".", StringComparison.Ordinal))
        {
            return space[(features.Length + 1)..].Split('.')[0];
        }

        var name = OutermostName(type);
        if (space == "AspNetCoreGeneratedDocument" && name.StartsWith("AspNetCoreGeneratedDocument.Features_", StringComparison.Ordinal))
        {
            var module = name["AspNetCoreGeneratedDocument.Features_".Length..].Split('_')[0];
            return module.Length == 0 ? "Shared" : module;
        }

        return null;
    }

    private static bool IsContract(Mono.Cecil.TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Resolve()?.Interfaces.Any(i => Contracts.Contains(i.InterfaceType.FullName, StringComparer.Ordinal)) == true;
    }

    [Fact]
    public void Entities_WithAnIntVersion_AreVersioned()
    {
        // The model, not the source text: an entity whose int Version is not IVersioned would keep a version that
        // nothing raises and no UPDATE checks (a silent overwrite, S12).
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Spona.Web.Platform.Persistence.AppDbContext>();
        Spona.Web.Platform.Persistence.PersistenceSetup.Configure(options, new Spona.Web.Platform.Configuration.SponaSettings(
            Spona.Web.Platform.Configuration.DatabaseProvider.Sqlite, "Data Source=:memory:", Path.GetTempPath()));
        using var db = new Spona.Web.Platform.Persistence.AppDbContext(options.Options);
        var entities = db.Model.GetEntityTypes().Where(e => !e.IsOwned()).ToList();
        var withVersion = entities.Where(e => e.ClrType.GetProperty("Version")?.PropertyType == typeof(int)).ToList();

        var unversioned = withVersion.Where(e => !typeof(Spona.Web.Platform.Persistence.IVersioned).IsAssignableFrom(e.ClrType)).Select(e => e.ClrType.Name).ToList();
        var noToken = entities.Where(e => typeof(Spona.Web.Platform.Persistence.IVersioned).IsAssignableFrom(e.ClrType) && e.FindProperty("Version")?.IsConcurrencyToken != true)
            .Select(e => e.ClrType.Name).ToList();

        Assert.True(withVersion.Count >= 3, $"only {withVersion.Count} entities with a version found");
        Assert.True(unversioned.Count == 0, "An int Version without IVersioned: " + string.Join(", ", unversioned));
        Assert.True(noToken.Count == 0, "IVersioned without a concurrency token: " + string.Join(", ", noToken));
    }

    [Fact]
    public void Platform_HoldsNoPages()
    {
        var pages = Directory.EnumerateFiles(Path.Combine(SourceTree.WebProject, "Platform"), "*.cshtml", SearchOption.AllDirectories).ToList();

        Assert.Empty(pages);
    }
}
