using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Web;

namespace Spona.Web.Features.ReferenceData;

/// <summary>
/// Read side of reference data for pages, the API and other modules. The tables are small (hundreds of rows), so
/// search and sorting run in memory with <see cref="SearchText"/>: case, diacritics and script do not matter, and
/// SQLite and PostgreSQL answer alike.
/// </summary>
public sealed class ReferenceDataQueries(AppDbContext db)
{
    public async Task<PagedResult<JurisdictionView>> ListJurisdictionsAsync(
        string culture, string? search, JurisdictionKind? kind, string? sort, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var all = await AllJurisdictionsAsync(culture, cancellationToken);
        var filtered = all.Where(j => (kind is null || j.Kind == kind) && Matches(search, j.Code, j.Name, j.NameCyrillic, j.NameEn));
        return Page(Sort(filtered, sort, j => j.DisplayName, j => j.Code), page, pageSize);
    }

    public async Task<JurisdictionView?> GetJurisdictionAsync(string code, string culture, CancellationToken cancellationToken) =>
        (await AllJurisdictionsAsync(culture, cancellationToken)).FirstOrDefault(j => j.Code == code);

    public async Task<IReadOnlyList<JurisdictionView>> AllJurisdictionsAsync(string culture, CancellationToken cancellationToken)
    {
        var rows = await db.Jurisdictions.AsNoTracking().ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(j => j.Id);
        return [.. rows.Select(j => new JurisdictionView(
            j.Code, j.Kind, j.Name, j.NameCyrillic, j.NameEn, j.DisplayName(culture),
            j.ParentId is { } p ? byId[p].Code : null, j.ParentId is { } q ? byId[q].DisplayName(culture) : null,
            j.RegionId is { } r ? byId[r].Code : null, j.IsActive, j.Version))];
    }

    public async Task<PagedResult<InstitutionView>> ListInstitutionsAsync(
        string culture, string? search, InstitutionType? type, string? jurisdictionCode, string? sort, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var all = await AllInstitutionsAsync(culture, cancellationToken);
        var filtered = all.Where(i => (type is null || i.Type == type)
            && (string.IsNullOrEmpty(jurisdictionCode) || i.JurisdictionCode == jurisdictionCode)
            && Matches(search, i.Code, i.Name, i.NameCyrillic, i.NameEn, i.Abbreviation));
        return Page(Sort(filtered, sort, i => i.DisplayName, i => i.Code), page, pageSize);
    }

    public async Task<InstitutionView?> GetInstitutionAsync(string code, string culture, CancellationToken cancellationToken) =>
        (await AllInstitutionsAsync(culture, cancellationToken)).FirstOrDefault(i => i.Code == code);

    public async Task<IReadOnlyList<InstitutionView>> AllInstitutionsAsync(string culture, CancellationToken cancellationToken)
    {
        var rows = await db.Institutions.AsNoTracking().ToListAsync(cancellationToken);
        var jurisdictions = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Id, cancellationToken);
        var byId = rows.ToDictionary(i => i.Id);
        return [.. rows.Select(i => new InstitutionView(
            i.Code, i.Name, i.NameCyrillic, i.NameEn, i.Abbreviation, i.DisplayName(culture), i.Type,
            jurisdictions[i.JurisdictionId].Code, jurisdictions[i.JurisdictionId].DisplayName(culture),
            i.ParentId is { } p ? byId[p].Code : null, i.ParentId is { } q ? byId[q].DisplayName(culture) : null,
            i.Address, i.Email, i.Phone, i.Website, i.IsActive, i.Version))];
    }

    public async Task<IReadOnlyList<CodeListView>> ListCodeListsAsync(string culture, CancellationToken cancellationToken)
    {
        var lists = await db.CodeLists.AsNoTracking().ToListAsync(cancellationToken);
        var counts = await db.CodeItems.AsNoTracking().GroupBy(i => i.CodeListId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return [.. lists.Select(l => new CodeListView(l.Key, l.Name.For(culture), l.Source, counts.GetValueOrDefault(l.Id)))
            .OrderBy(l => SearchText.Fold(l.Name), StringComparer.Ordinal)];
    }

    public async Task<PagedResult<CodeItemView>?> ListCodeItemsAsync(
        string listKey, string culture, string? search, bool includeInactive, string? sort, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var items = await ItemsOfAsync(listKey, culture, cancellationToken);
        if (items is null)
        {
            return null;
        }

        var filtered = items.Where(i => (includeInactive || i.IsActive) && Matches(search, i.Code, i.LabelEn, i.LabelBs, i.LabelHr, i.LabelSrLatn, i.Label));
        return Page(Sort(filtered, sort, i => i.Label, i => i.Code), page, pageSize);
    }

    public async Task<CodeItemView?> GetCodeItemAsync(string listKey, string code, string culture, CancellationToken cancellationToken) =>
        (await ItemsOfAsync(listKey, culture, cancellationToken))?.FirstOrDefault(i => i.Code == code);

    private async Task<List<CodeItemView>?> ItemsOfAsync(string listKey, string culture, CancellationToken cancellationToken)
    {
        var listId = await db.CodeLists.AsNoTracking().Where(l => l.Key == listKey).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken);
        if (listId is null)
        {
            return null;
        }

        var rows = await db.CodeItems.AsNoTracking().Where(i => i.CodeListId == listId).ToListAsync(cancellationToken);
        return [.. rows.Select(i => new CodeItemView(
            i.Code, i.Label.For(culture), i.Label.En, i.Label.Bs, i.Label.Hr, i.Label.SrLatn, i.Label.SrCyrl, i.Extra, i.IsActive, i.SortOrder, i.Version))];
    }

    private static bool Matches(string? search, params string?[] fields)
    {
        var terms = (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (terms.Length == 0)
        {
            return true;
        }

        var haystack = string.Join(' ', fields.Where(f => f is not null));
        return terms.All(t => SearchText.Contains(haystack, t));
    }

    private static IEnumerable<T> Sort<T>(IEnumerable<T> rows, string? sort, Func<T, string> name, Func<T, string> code) => sort switch
    {
        "code" => rows.OrderBy(code, StringComparer.Ordinal),
        "-code" => rows.OrderByDescending(code, StringComparer.Ordinal),
        "-name" => rows.OrderByDescending(r => SearchText.Fold(name(r)), StringComparer.Ordinal).ThenBy(code, StringComparer.Ordinal),
        _ => rows.OrderBy(r => SearchText.Fold(name(r)), StringComparer.Ordinal).ThenBy(code, StringComparer.Ordinal),
    };

    private static PagedResult<T> Page<T>(IEnumerable<T> rows, int? page, int? pageSize)
    {
        var (p, size) = PagedResult<T>.Normalize(page, pageSize);
        var list = rows.ToList();
        return new PagedResult<T>([.. list.Skip((p - 1) * size).Take(size)], p, size, list.Count);
    }

    public sealed record JurisdictionView(
        string Code, JurisdictionKind Kind, string Name, string? NameCyrillic, string? NameEn, string DisplayName,
        string? ParentCode, string? ParentName, string? RegionCode, bool IsActive, int Version);

    public sealed record InstitutionView(
        string Code, string Name, string? NameCyrillic, string? NameEn, string? Abbreviation, string DisplayName, InstitutionType Type,
        string JurisdictionCode, string JurisdictionName, string? ParentCode, string? ParentName,
        string? Address, string? Email, string? Phone, string? Website, bool IsActive, int Version);

    public sealed record CodeListView(string Key, string Name, string? Source, int Items);

    public sealed record CodeItemView(
        string Code, string Label, string LabelEn, string LabelBs, string LabelHr, string LabelSrLatn, string? LabelSrCyrl,
        string? Extra, bool IsActive, int SortOrder, int Version);
}
