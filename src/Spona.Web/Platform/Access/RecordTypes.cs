using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Access;

/// <summary>
/// The record types modules have declared as scoped: how to tell whether a record of each exists, and whether the
/// current user reaches it (files, break-the-glass and anything else that names a record by type and id ask here).
/// </summary>
public sealed class RecordTypeRegistry
{
    private readonly Dictionary<string, RecordTypeDefinition> types = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => types.Keys;

    public void Add(RecordTypeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        types[definition.Name] = definition;
    }

    public bool IsKnown(string? name) => name is not null && types.ContainsKey(name);

    public Task<bool> ExistsAsync(IServiceProvider services, string name, Guid id, CancellationToken cancellationToken) =>
        types[name].Exists(services, id, cancellationToken);

    /// <summary>Whether the current user (of <paramref name="services"/>' request) reaches the record; false when it does not exist.</summary>
    public Task<bool> CanAccessAsync(IServiceProvider services, string name, Guid id, CancellationToken cancellationToken) =>
        types[name].CanAccess(services, id, cancellationToken);
}

/// <summary>One record type: its name, whether a record exists, whether the current user reaches it.</summary>
public sealed record RecordTypeDefinition(
    string Name,
    Func<IServiceProvider, Guid, CancellationToken, Task<bool>> Exists,
    Func<IServiceProvider, Guid, CancellationToken, Task<bool>> CanAccess);

public static class RecordTypeRegistration
{
    /// <summary>Declares an entity of the application's model as a scoped record type (one line in a module).</summary>
    public static IServiceCollection AddScopedRecordType<T>(this IServiceCollection services)
        where T : class, IScopedRecord =>
        services.AddRecordType(
            T.RecordType,
            (provider, id, ct) => provider.GetRequiredService<AppDbContext>().Set<T>().WithoutScope(ScopeOptOut.BreakGlass).AnyAsync(r => r.Id == id, ct),
            // The record-scope filter is the access rule: a record it lets through is one the user reaches.
            (provider, id, ct) => provider.GetRequiredService<AppDbContext>().Set<T>().AnyAsync(r => r.Id == id, ct));

    /// <summary>
    /// Declares a record type by hand. Without <paramref name="canAccess"/> nobody reaches its records through the
    /// registry (deny by default): only break-the-glass, which asks whether a record exists, works for it.
    /// </summary>
    public static IServiceCollection AddRecordType(
        this IServiceCollection services,
        string name,
        Func<IServiceProvider, Guid, CancellationToken, Task<bool>> exists,
        Func<IServiceProvider, Guid, CancellationToken, Task<bool>>? canAccess = null)
    {
        var definition = new RecordTypeDefinition(name, exists, canAccess ?? ((_, _, _) => Task.FromResult(false)));
        services.AddOptions<RecordTypeOptions>().Configure(o => o.Types.Add(definition));
        return services;
    }
}

public sealed class RecordTypeOptions
{
    public List<RecordTypeDefinition> Types { get; } = [];
}
