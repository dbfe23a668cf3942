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
}
