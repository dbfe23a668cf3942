using System.Text;
using System.Text.Json.Nodes;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.Strategy;

namespace Spona.Tests.Features.Strategy;

public sealed class StrategyFileTests
{
    private static JsonNode Embedded() => JsonNode.Parse(StrategyFixtures.EmbeddedJson())!;

    private static StrategyFileException Rejected(JsonNode file) =>
        Assert.Throws<StrategyFileException>(() => StrategyFile.Parse(Encoding.UTF8.GetBytes(file.ToJsonString())));

    [Fact]
    public void Parse_ShippedStrategy_HasFiveGoalsAndThirtyMeasures()
    {
        var file = StrategyFile.Parse(Encoding.UTF8.GetBytes(StrategyFixtures.EmbeddedJson()));

        Assert.Equal(["1", "2", "3", "4", "5"], file.Goals.Select(g => g.Number));
        Assert.Equal(
            ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8",
             "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "5.1", "5.2", "5.3"],
            file.Goals.SelectMany(g => g.Measures).Select(m => m.Number));
        Assert.All(file.Goals.SelectMany(g => g.Measures), m => Assert.NotEmpty(m.Items));
    }

    [Fact]
    public void Parse_DuplicateMeasure_NamesThePlace()
    {
        var file = Embedded();
        file["goals"]![2]!["measures"]![3]!["number"] = "3.3";

        var error = Rejected(file);

        Assert.Contains("goals[2] (3).measures[3] (3.3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("duplicate measure number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MeasureUnderTheWrongGoal_NamesThePlace()
    {
        var file = Embedded();
        var measure = file["goals"]![4]!["measures"]![0]!.DeepClone();
        measure["number"] = "2.6";
        file["goals"]![4]!["measures"]!.AsArray().Add(measure);

        var error = Rejected(file);

        Assert.Contains("(2.6)", error.Message, StringComparison.Ordinal);
        Assert.Contains("belongs to goal 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingMeasureNumber_NamesThePlace()
    {
        var file = Embedded();
        file["goals"]![0]!["measures"]![1]!.AsObject().Remove("number");

        var error = Rejected(file);

        Assert.Contains("goals[0] (1).measures[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GapInMeasureNumbers_IsRejected()
    {
        var file = Embedded();
        file["goals"]![1]!["measures"]!.AsArray().RemoveAt(2);

        var error = Rejected(file);

        Assert.Contains("goals[1] (2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("numbered 2.1 to 2.4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GoalWithoutMeasures_IsRejected()
    {
        var file = Embedded();
        file["goals"]![3]!["measures"] = new JsonArray();

        var error = Rejected(file);

        Assert.Contains("goals[3] (4)", error.Message, StringComparison.Ordinal);
        Assert.Contains("has no measures", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingTranslation_NamesTheLanguage()
    {
        var file = Embedded();
        file["goals"]![0]!["measures"]![0]!["title"]!.AsObject().Remove("hr");

        var error = Rejected(file);

        Assert.Contains("measures[0] (1.1).title", error.Message, StringComparison.Ordinal);
        Assert.Contains("'hr'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"code\": \"X\", \"unexpected\": 1}")]
    public void Parse_NotAStrategy_IsRejected(string json)
    {
        Assert.Throws<StrategyFileException>(() => StrategyFile.Parse(Encoding.UTF8.GetBytes(json)));
    }
}
