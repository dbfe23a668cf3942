namespace Spona.Web.Platform.Api;

/// <summary>The bounds of free-text search parameters of the API (pages silently ignore a longer text).</summary>
internal static class SearchInput
{
    public const int MaxLength = 200;

    /// <summary>A 400 naming the parameter when <paramref name="search"/> is too long, else null.</summary>
    public static IResult? Check(string? search) => search is { Length: > MaxLength }
        ? Results.ValidationProblem(new Dictionary<string, string[]> { ["search"] = [$"The search text can have at most {MaxLength} characters."] })
        : null;
}
