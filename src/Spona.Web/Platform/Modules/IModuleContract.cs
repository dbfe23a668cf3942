namespace Spona.Web.Platform.Modules;

/// <summary>
/// Marks a type that a module offers to the other modules: a read service and the view records it returns (the start
/// page lists one's tasks and the strategy's goals through them). Another module may use a module's declared
/// contracts (these and its <see cref="Authorization.IDeclarePermissions"/> class) and no other of its types; an
/// architecture test checks the compiled types. Entities are never a contract: modules share read records.
/// </summary>
#pragma warning disable CA1040 // A marker: the declaration is the point, checked by ArchitectureTests.
public interface IModuleContract;
#pragma warning restore CA1040
