using Microsoft.AspNetCore.Http.HttpResults;

namespace Spona.Web.Platform.Api;

/// <summary>The bounds of free-text search parameters of the API (pages silently ignore a longer text).</summary>
internal static class SearchInput
{
    public const int MaxLength = 200;

    /// <summary>A 400 naming the parameter when <paramref name="search"/> is too long, else null.</summary>
    public static IResult? Check(string? search) => Problem(search);

    /// <summary>The same as <see cref="Check"/>, typed for endpoints that declare their results.</summary>
    public static ValidationProblem? Problem(string? search) => search is { Length: > MaxLength }
        ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["search"] = [$"The search text can have at most {MaxLength} characters."] })
        : null;
}
