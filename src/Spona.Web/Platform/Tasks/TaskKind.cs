namespace Spona.Web.Platform.Tasks;

/// <summary>
/// When a task of a kind falls due, counted from the event that starts it: due <see cref="DueAfter"/> after the event,
/// at risk <see cref="AtRiskAfter"/> after it (if set), and escalated to the head of the institution
/// <see cref="HeadAfterDue"/> after the due time if still open.
/// </summary>
public sealed record DeadlineRule(TimeSpan DueAfter, TimeSpan? AtRiskAfter = null, TimeSpan? HeadAfterDue = null)
{
    public static readonly TimeSpan DefaultHeadAfterDue = TimeSpan.FromHours(24);

    public DateTime DueFrom(DateTime eventAt) => eventAt + DueAfter;

    public DateTime? AtRiskFrom(DateTime eventAt) => AtRiskAfter is { } risk ? eventAt + risk : null;
}

/// <summary>
/// A kind of task a module declares (<see cref="TaskSetup.AddTaskKind"/>): a stable code, its English text (translated
/// in the strings), and its deadline rule. Kinds with no rule (<see cref="TaskKinds.General"/>) take the due time a
/// person gives.
/// </summary>
public sealed record TaskKind(string Code, string Text, DeadlineRule? Rule = null)
{
    public const int CodeLength = 64;
}

public static class TaskKinds
{
    /// <summary>A task a person creates, with a due time they choose; at risk one day before it.</summary>
    public static readonly TaskKind General = new("general", Localization.Localizable.Text("Task"));

    public static readonly TimeSpan GeneralAtRiskBefore = TimeSpan.FromHours(24);
}

/// <summary>The kinds every module declared, by code.</summary>
public sealed class TaskKindRegistry(IEnumerable<TaskKind> kinds)
{
    private readonly Dictionary<string, TaskKind> byCode = kinds.GroupBy(k => k.Code, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    public IReadOnlyCollection<TaskKind> All => byCode.Values;

    public TaskKind? Find(string? code) => code is not null && byCode.TryGetValue(code, out var kind) ? kind : null;

    public string TextOf(string code) => Find(code)?.Text ?? code;
}
