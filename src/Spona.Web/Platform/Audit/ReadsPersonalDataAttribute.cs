namespace Spona.Web.Platform.Audit;

/// <summary>
/// Marks a page model or an endpoint that returns a person's data or a scoped record (S6, ADR 0019): every call writes
/// a read entry (who, when, which record, which route, allowed or denied) before the response leaves
/// (<see cref="ReadAuditMiddleware"/>). The handler names the records it showed with <see cref="RecordReads"/>; a test
/// fails for a route that returns such data without this marker. Endpoints use <see cref="ReadsPersonalDataExtensions.ReadsPersonalData"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ReadsPersonalDataAttribute(string recordType) : Attribute
{
    /// <summary>The record type a read names when the handler named none (e.g. <c>Account</c>).</summary>
    public string RecordType => recordType;
}
