using Spona.Tests.Platform.ArchitectureFixture.Features.Alpha;

namespace Spona.Tests.Platform.ArchitectureFixture.Platform;

// A made-up platform for ArchitectureTests: each type references the module Alpha in one way the analysis must see.
#pragma warning disable CA1812, CA1823, CS0169, CS0414, IDE0051, IDE0052

/// <summary>References nothing of a module.</summary>
internal sealed class Clean
{
    public static int Count() => 0;
}

internal sealed class ViaField
{
    private readonly AlphaService? service;
}

internal sealed class ViaGenericArgument
{
    public static IReadOnlyList<Lazy<AlphaService>> None() => [];
}

internal sealed class ViaLambdaBody
{
    public static Func<int> Counter() => () => AlphaService.Count();
}

internal sealed class ViaAsyncStateMachine
{
    public static async Task<int> CountAsync()
    {
        await Task.Yield();
        return AlphaService.Count();
    }
}

internal sealed class ViaLocal
{
    public static bool Any(object value)
    {
        var list = value as List<AlphaService>;
        return list is not null;
    }
}

[AlphaMarker]
internal sealed class ViaAttribute;

internal sealed class ViaTypeOf
{
    public static Type Target() => typeof(AlphaService);
}

internal sealed class ViaBaseType : List<AlphaService>;

internal sealed class ViaContract
{
    public static string Policy() => AlphaPermissions.Write;
}
#pragma warning restore CA1812, CA1823, CS0169, CS0414, IDE0051, IDE0052
