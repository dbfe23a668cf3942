using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.Shared;

/// <summary>
/// What the pager partial needs: where we are and how to build a link to another page with the same filters. The page
/// number travels as <c>p</c>: Razor Pages reserves the route value <c>page</c> for the page's own name.
/// </summary>
public sealed record PagerView(int Page, int PageCount, int Total, string Path, IReadOnlyDictionary<string, string?> Query)
{
    public string LinkTo(int page)
    {
        var query = new QueryBuilder();
        foreach (var (key, value) in Query)
        {
            if (!string.IsNullOrEmpty(value) && key != "p")
            {
                query.Add(key, value);
            }
        }

        if (page > 1)
        {
            query.Add("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Path + query.ToQueryString();
    }

    public static PagerView From<T>(PagedResult<T> result, HttpRequest request) => new(
        result.Page, result.PageCount, result.Total, request.Path,
        request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString()));

    /// <summary>A link that sorts by <paramref name="column"/>, toggling direction when already sorted by it.</summary>
    public string SortLink(string column, string? current)
    {
        var next = current == column ? "-" + column : column;
        var query = Query.Where(q => q.Key is not "sort" and not "p").ToDictionary(q => q.Key, q => q.Value);
        query["sort"] = next;
        return QueryHelpers.AddQueryString(Path, query.Where(q => !string.IsNullOrEmpty(q.Value)).ToDictionary(q => q.Key, q => q.Value));
    }
}
