using Spona.Web.Platform.Audit;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.ReferenceData;

/// <summary>The kinds of change of reference data, as the audit trail groups them (ADR 0022).</summary>
public static class ReferenceDataOperations
{
    public static readonly AuditOperationType Edit = new("reference-data.edit", Localizable.Text("Edit reference data"));
}
