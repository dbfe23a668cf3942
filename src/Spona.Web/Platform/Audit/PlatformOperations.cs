using Spona.Web.Platform.Localization;

namespace Spona.Web.Platform.Audit;

/// <summary>The operation types of the platform's own changes (modules declare theirs in their folder).</summary>
public static class PlatformOperations
{
    /// <summary>Opening a record outside one's scope (S5): never without a reason.</summary>
    public static readonly AuditOperationType BreakGlass = new("access.break-glass", Localizable.Text("Break the glass"), RequiresReason: true);

    public static readonly AuditOperationType TokenCreate = new("api-tokens.create", Localizable.Text("Create an API token"));
}
