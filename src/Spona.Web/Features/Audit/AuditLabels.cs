using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Audit;

namespace Spona.Web.Features.Audit;

internal static class AuditLabels
{
    public static string For(AuditOutcome outcome, IStringLocalizer localizer) => outcome switch
    {
        AuditOutcome.Denied => localizer["Denied"],
        AuditOutcome.Failed => localizer["Failed"],
        _ => localizer["Success"],
    };

    /// <summary>A declared operation by its translated label; the default operation of a request by its route.</summary>
    public static string ForOperation(string type, AuditOperationTypes types, IStringLocalizer localizer) =>
        types.Find(type) is { } declared ? localizer[declared.Label]
        : type.StartsWith(AuditOperationType.RequestPrefix, StringComparison.Ordinal) ? localizer["Request {0}", type[AuditOperationType.RequestPrefix.Length..]]
        : type switch
        {
            AuditOperationType.System => localizer["System"],
            AuditOperationType.CommandLine => localizer["Command line"],
            _ => type,
        };
}
