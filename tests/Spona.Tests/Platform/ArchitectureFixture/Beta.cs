using Spona.Tests.Platform.ArchitectureFixture.Features.Alpha;

namespace Spona.Tests.Platform.ArchitectureFixture.Features.Beta;

/// <summary>Uses another module through its declared contract only: allowed.</summary>
public sealed class BetaThroughContract
{
    public static string Policies() => AlphaPermissions.Read + AlphaPermissions.Write;
}

/// <summary>Uses a type of another module from inside a lambda: refused.</summary>
public sealed class BetaThroughService
{
    public static Func<int> Counter() => () => AlphaService.Count();
}
