using Spona.Web.Features.Shared;
using Spona.Web.Features.Strategy;

namespace Spona.Tests.Infrastructure;

public static class StrategyFixtures
{
    public static string EmbeddedJson()
    {
        using var stream = EmbeddedFile.Open(StrategyCatalogueLoader.EmbeddedFileName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
