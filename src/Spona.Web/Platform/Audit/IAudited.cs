namespace Spona.Web.Platform.Audit;

/// <summary>
/// Marks an entity whose every insert, update and delete is written to the audit trail in the same transaction as
/// the change itself (<see cref="AuditSaveChangesInterceptor"/>). Mark every entity that holds personal data.
/// </summary>
public interface IAudited;
