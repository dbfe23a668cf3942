namespace Spona.Web.Platform.Persistence;

/// <summary>
/// An entity edited by people who may work on it at the same time (S12). <see cref="Version"/> is its optimistic
/// concurrency token by convention (<see cref="AppDbContext"/>) and is raised by <see cref="VersionInterceptor"/> on
/// every save that changes the entity: no code raises it by hand, so no edit can forget to and silently overwrite
/// another. Forms and the API send back the version they read; a stale one is refused.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
