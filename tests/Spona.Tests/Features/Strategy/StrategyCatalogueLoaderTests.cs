using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.Strategy;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Features.Strategy;

public sealed class StrategyCatalogueLoaderTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Start_LoadsTheStrategyOnce()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var loader = scope.ServiceProvider.GetRequiredService<StrategyCatalogueLoader>();

        var again = await loader.LoadEmbeddedAsync(CancellationToken.None);

        Assert.False(again.Changed);
        Assert.Equal(1, await db.Strategies.CountAsync());
        Assert.Equal(5, await db.StrategyGoals.CountAsync());
        Assert.Equal(30, await db.StrategyMeasures.CountAsync());
        Assert.True(await db.MeasureItems.CountAsync() > 100);
    }

    [Fact]
    public async Task Load_ChangedFile_BecomesANewVersionAndKeepsTheOldWording()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var loader = scope.ServiceProvider.GetRequiredService<StrategyCatalogueLoader>();
        var measureId = await db.StrategyMeasures.Where(m => m.Number == "5.3").Select(m => m.Id).SingleAsync();
        var file = JsonNode.Parse(StrategyFixtures.EmbeddedJson())!;
        file["goals"]![4]!["measures"]![2]!["items"]![0]!["text"] = "An amended text for a test.";

        var result = await loader.LoadAsync(Encoding.UTF8.GetBytes(file.ToJsonString()), CancellationToken.None);

        Assert.True(result.Changed);
        Assert.Equal(1, result.ChangedMeasures);
        var measure = await db.StrategyMeasures.AsNoTracking().Include(m => m.Items).SingleAsync(m => m.Number == "5.3");
        Assert.Equal(measureId, measure.Id);
        Assert.Equal("An amended text for a test.", measure.Items.OrderBy(i => i.SortOrder).First().Text);
        var revision = await db.MeasureRevisions.AsNoTracking().SingleAsync(r => r.MeasureId == measureId);
        Assert.Equal(result.Version, revision.ReplacedInVersion);
        Assert.DoesNotContain("An amended text", revision.PreviousContent, StringComparison.Ordinal);

        var unchanged = await loader.LoadAsync(Encoding.UTF8.GetBytes(file.ToJsonString()), CancellationToken.None);
        Assert.False(unchanged.Changed);
        Assert.Equal(result.Version, unchanged.Version);
    }

    [Fact]
    public async Task Load_MalformedFile_ChangesNothing()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var loader = scope.ServiceProvider.GetRequiredService<StrategyCatalogueLoader>();
        var versionBefore = await db.Strategies.Select(s => s.Version).SingleAsync();

        await Assert.ThrowsAsync<StrategyFileException>(() => loader.LoadAsync(Encoding.UTF8.GetBytes("{\"goals\": []}"), CancellationToken.None));

        Assert.Equal(versionBefore, await db.Strategies.Select(s => s.Version).SingleAsync());
        Assert.Equal(30, await db.StrategyMeasures.CountAsync());
    }
}
