using System.Text.Json;
using System.Text.RegularExpressions;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Features.Strategy;

/// <summary>
/// The structured strategy file (Seed/strategy-2024-2027.json) and its validation. A malformed file is rejected with
/// a message that names the place, e.g. <c>goals[2].measures[3] (3.4): duplicate measure number</c>.
/// </summary>
public sealed partial record StrategyFile(
    string Code,
    int PeriodStart,
    int PeriodEnd,
    Dictionary<string, string> Title,
    StrategyFile.GeneralGoalEntry GeneralGoal,
    List<StrategyFile.GoalEntry> Goals)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = false,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly string[] TitleLanguages = [SupportedCultures.English, SupportedCultures.Bosnian, SupportedCultures.Croatian, SupportedCultures.SerbianLatin];

    public sealed record GeneralGoalEntry(Dictionary<string, string> Title, string Text);

    public sealed record GoalEntry(string Number, Dictionary<string, string> Title, string? Text, List<MeasureEntry> Measures);

    public sealed record MeasureEntry(string Number, Dictionary<string, string> Title, string? Text, List<ItemEntry> Items);

    public sealed record ItemEntry(string? Number, string Text, List<string>? Bullets);

    /// <summary>Parses and validates; throws <see cref="StrategyFileException"/> naming the first problem found.</summary>
    public static StrategyFile Parse(ReadOnlySpan<byte> utf8Json)
    {
        StrategyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<StrategyFile>(utf8Json, Options);
        }
        catch (JsonException ex)
        {
            throw new StrategyFileException($"The strategy file is not valid: {ex.Message}", ex);
        }

        if (file is null)
        {
            throw new StrategyFileException("The strategy file is empty.");
        }

        file.Validate();
        return file;
    }

    private void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Code) && CodePattern().IsMatch(Code), "code", "must be letters, digits and hyphens");
        Require(PeriodStart is >= 2000 and <= 2100 && PeriodEnd >= PeriodStart && PeriodEnd <= PeriodStart + 20, "periodStart/periodEnd", "must be a plausible period");
        RequireTitles(Title, "title");
        Require(GeneralGoal is not null, "generalGoal", "is missing");
        RequireTitles(GeneralGoal!.Title, "generalGoal.title");
        Require(!string.IsNullOrWhiteSpace(GeneralGoal.Text), "generalGoal.text", "is missing");
        Require(Goals is { Count: > 0 }, "goals", "must list at least one specific goal");

        var goalNumbers = new HashSet<string>(StringComparer.Ordinal);
        var measureNumbers = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < Goals.Count; g++)
        {
            var goal = Goals[g];
            var where = $"goals[{g}]";
            Require(goal is not null, where, "is empty");
            Require(!string.IsNullOrWhiteSpace(goal!.Number) && GoalNumberPattern().IsMatch(goal.Number), where, "has a missing or malformed number (expected e.g. \"1\")");
            where = $"goals[{g}] ({goal.Number})";
            Require(goalNumbers.Add(goal.Number), where, "duplicate goal number");
            RequireTitles(goal.Title, $"{where}.title");
            Require(goal.Measures is { Count: > 0 }, where, "has no measures");
            for (var m = 0; m < goal.Measures.Count; m++)
            {
                var measure = goal.Measures[m];
                var at = $"{where}.measures[{m}]";
                Require(measure is not null, at, "is empty");
                Require(!string.IsNullOrWhiteSpace(measure!.Number) && MeasureNumberPattern().IsMatch(measure.Number), at, "has a missing or malformed number (expected e.g. \"4.2\")");
                at = $"{where}.measures[{m}] ({measure.Number})";
                Require(measure.Number.Split('.')[0] == goal.Number, at, $"belongs to goal {measure.Number.Split('.')[0]}, not to goal {goal.Number}");
                Require(measureNumbers.Add(measure.Number), at, "duplicate measure number");
                RequireTitles(measure.Title, $"{at}.title");
                Require(measure.Items is { Count: > 0 } || !string.IsNullOrWhiteSpace(measure.Text), at, "has neither text nor items");
                var itemNumbers = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < (measure.Items?.Count ?? 0); i++)
                {
                    var item = measure.Items![i];
                    var itemAt = $"{at}.items[{i}]";
                    Require(item is not null && !string.IsNullOrWhiteSpace(item.Text), itemAt, "has no text");
                    Require(item!.Number is null || itemNumbers.Add(item.Number), itemAt, $"duplicate item number {item.Number}");
                    Require(item.Bullets is null || item.Bullets.All(b => !string.IsNullOrWhiteSpace(b)), itemAt, "has an empty bullet");
                }
            }

            var expected = Enumerable.Range(1, goal.Measures.Count).Select(n => $"{goal.Number}.{n}");
            Require(goal.Measures.Select(x => x.Number).SequenceEqual(expected), where, $"measures must be numbered {goal.Number}.1 to {goal.Number}.{goal.Measures.Count} in order");
        }

        var expectedGoals = Enumerable.Range(1, Goals.Count).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Require(Goals.Select(x => x.Number).SequenceEqual(expectedGoals), "goals", $"must be numbered 1 to {Goals.Count} in order");
    }

    private static void RequireTitles(Dictionary<string, string>? titles, string where)
    {
        Require(titles is not null, where, "is missing");
        foreach (var language in TitleLanguages)
        {
            Require(titles!.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text), where, $"has no '{language}' text");
        }
    }

    private static void Require(bool condition, string where, string problem)
    {
        if (!condition)
        {
            throw new StrategyFileException($"The strategy file is not valid at {where}: {problem}.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[1-9][0-9]?$")]
    private static partial Regex GoalNumberPattern();

    [GeneratedRegex("^[1-9][0-9]?\\.[1-9][0-9]?$")]
    private static partial Regex MeasureNumberPattern();
}
