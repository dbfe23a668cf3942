namespace Spona.Web.Platform.Web;

/// <summary>A page of a longer list. Pages are numbered from 1.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    /// <summary>Far beyond any real list; keeps the offset arithmetic from overflowing.</summary>
    public const int MaxPage = 1_000_000;

    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;

    public static (int Page, int PageSize) Normalize(int? page, int? pageSize) =>
        (Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
}
