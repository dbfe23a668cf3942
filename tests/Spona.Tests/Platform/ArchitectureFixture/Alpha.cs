using Spona.Web.Platform.Authorization;

namespace Spona.Tests.Platform.ArchitectureFixture.Features.Alpha;

// A made-up module for ArchitectureTests: types that the platform and another module must not reference, and a
// declared contract that another module may.

/// <summary>A type of the module that no one else may name.</summary>
public sealed class AlphaService
{
    public static int Count() => 1;
}

/// <summary>An attribute of the module.</summary>
[AttributeUsage(AttributeTargets.All)]
public sealed class AlphaMarkerAttribute : Attribute;

/// <summary>The module's declared contract.</summary>
public sealed class AlphaPermissions : IDeclarePermissions
{
    public const string Read = "Alpha.Read";

    public static readonly string Write = "Alpha.Write";

    public int Order => 1;

    public IReadOnlyList<PermissionDeclaration> Permissions { get; } = [];
}
