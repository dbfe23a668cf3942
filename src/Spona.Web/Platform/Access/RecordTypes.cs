using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Access;

/// <summary>The record types modules have declared as scoped, and how to tell whether a record of each exists.</summary>
public sealed class RecordTypeRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, Guid, CancellationToken, Task<bool>>> types = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => types.Keys;

    public void Add(string name, Func<IServiceProvider, Guid, CancellationToken, Task<bool>> exists) => types[name] = exists;

    public bool IsKnown(string? name) => name is not null && types.ContainsKey(name);

    public Task<bool> ExistsAsync(IServiceProvider services, string name, Guid id, CancellationToken cancellationToken) =>
        types[name](services, id, cancellationToken);
}

public static class RecordTypeRegistration
{
    /// <summary>Declares an entity of the application's model as a scoped record type (one line in a module).</summary>
    public static IServiceCollection AddScopedRecordType<T>(this IServiceCollection services)
        where T : class, IScopedRecord =>
        services.AddRecordType(T.RecordType, (provider, id, ct) => provider.GetRequiredService<AppDbContext>().Set<T>().WithoutScope(ScopeOptOut.BreakGlass).AnyAsync(r => r.Id == id, ct));

    public static IServiceCollection AddRecordType(this IServiceCollection services, string name, Func<IServiceProvider, Guid, CancellationToken, Task<bool>> exists)
    {
        services.AddOptions<RecordTypeOptions>().Configure(o => o.Types.Add((name, exists)));
        return services;
    }
}

public sealed class RecordTypeOptions
{
    public List<(string Name, Func<IServiceProvider, Guid, CancellationToken, Task<bool>> Exists)> Types { get; } = [];
}
