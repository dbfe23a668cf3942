using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.Shared;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ReferenceData;

/// <summary>
/// Seeds jurisdictions, institutions and code lists from the JSON files under <c>Seed/</c>. Idempotent: only codes
/// that are missing are added, so administrators' edits and additions are never overwritten.
/// </summary>
public sealed class ReferenceDataSeeder(AppDbContext db, TimeProvider clock, ILogger<ReferenceDataSeeder> logger) : IDataSeeder
{
    private const string SeedKey = "reference-data";

    private static readonly string[] BaseSeedFiles = ["jurisdictions.json", "institutions.json"];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly Dictionary<string, LocalizedText> ListNames = new(StringComparer.Ordinal)
    {
        ["countries"] = new() { En = "Countries", Bs = "Države", Hr = "Države", SrLatn = "Države" },
        ["languages"] = new() { En = "Languages", Bs = "Jezici", Hr = "Jezici", SrLatn = "Jezici" },
        ["exploitation-forms"] = new() { En = "Forms of exploitation", Bs = "Oblici iskorištavanja", Hr = "Oblici iskorištavanja", SrLatn = "Oblici eksploatacije" },
        ["sexes"] = new() { En = "Sex", Bs = "Spol", Hr = "Spol", SrLatn = "Pol" },
    };

    /// <summary>Reference data first: other modules' seeds may name jurisdictions and institutions.</summary>
    int IDataSeeder.Order => 10;

    Task IDataSeeder.SeedAsync(CancellationToken cancellationToken) => SeedAsync(cancellationToken);

    /// <summary>Seeds unless these very seed files were applied before; <paramref name="force"/> checks every row anyway.</summary>
    public async Task<SeedResult> SeedAsync(CancellationToken cancellationToken, bool force = false)
    {
        var hash = SeedFilesHash();
        var record = await db.SeedRecords.FirstOrDefaultAsync(r => r.Key == SeedKey, cancellationToken);
        if (!force && record?.ContentHash == hash)
        {
            return new SeedResult(0, 0, 0);
        }

        var jurisdictions = await SeedJurisdictionsAsync(cancellationToken);
        var institutions = await SeedInstitutionsAsync(cancellationToken);
        var items = 0;
        foreach (var list in ListNames.Keys)
        {
            items += await SeedCodeListAsync(list, cancellationToken);
        }

        if (record is null)
        {
            db.SeedRecords.Add(new SeedRecord { Key = SeedKey, ContentHash = hash, AppliedAt = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            record.ContentHash = hash;
            record.AppliedAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        var result = new SeedResult(jurisdictions, institutions, items);
        logger.LogInformation(
            "Reference data seeded: {Jurisdictions} jurisdictions, {Institutions} institutions, {Items} code items added",
            result.Jurisdictions, result.Institutions, result.CodeItems);
        return result;
    }

    private async Task<int> SeedJurisdictionsAsync(CancellationToken cancellationToken)
    {
        var rows = Read<List<JurisdictionRow>>("jurisdictions.json");
        var existing = await db.Jurisdictions.ToDictionaryAsync(j => j.Code, StringComparer.Ordinal, cancellationToken);
        var added = 0;
        // Parents come before children in the file; regions before the municipalities that name them.
        foreach (var row in rows)
        {
            if (existing.ContainsKey(row.Code))
            {
                continue;
            }

            var jurisdiction = new Jurisdiction
            {
                Id = Guid.NewGuid(),
                Code = row.Code,
                Kind = row.Kind,
                Name = row.Name,
                NameCyrillic = row.NameCyrillic,
                NameEn = row.NameEn,
                ParentId = row.Parent is null ? null : existing[row.Parent].Id,
                RegionId = row.Region is null ? null : existing[row.Region].Id,
            };
            db.Jurisdictions.Add(jurisdiction);
            existing[row.Code] = jurisdiction;
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    private async Task<int> SeedInstitutionsAsync(CancellationToken cancellationToken)
    {
        var rows = Read<List<InstitutionRow>>("institutions.json");
        var jurisdictions = await db.Jurisdictions.ToDictionaryAsync(j => j.Code, j => j.Id, StringComparer.Ordinal, cancellationToken);
        var existing = await db.Institutions.ToDictionaryAsync(i => i.Code, i => i.Id, StringComparer.Ordinal, cancellationToken);
        var added = 0;
        var pending = rows.Where(r => !existing.ContainsKey(r.Code)).ToList();
        // Parents may appear after children in the file: add in rounds until nothing changes.
        while (pending.Count > 0)
        {
            var ready = pending.Where(r => r.Parent is null || existing.ContainsKey(r.Parent)).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException($"institutions.json: parent '{pending[0].Parent}' of '{pending[0].Code}' does not exist.");
            }

            foreach (var row in ready)
            {
                var id = Guid.NewGuid();
                db.Institutions.Add(new Institution
                {
                    Id = id,
                    Code = row.Code,
                    Name = row.Name,
                    NameCyrillic = row.NameCyrillic,
                    NameEn = row.NameEn,
                    Abbreviation = row.Abbreviation,
                    Type = row.Type,
                    JurisdictionId = jurisdictions[row.Jurisdiction],
                    ParentId = row.Parent is null ? null : existing[row.Parent],
                    Website = row.Website,
                });
                existing[row.Code] = id;
                added++;
            }

            pending = [.. pending.Except(ready)];
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    private async Task<int> SeedCodeListAsync(string key, CancellationToken cancellationToken)
    {
        var file = Read<CodeListFile>($"codelists.{key}.json");
        var list = await db.CodeLists.FirstOrDefaultAsync(l => l.Key == key, cancellationToken);
        if (list is null)
        {
            list = new CodeList { Id = Guid.NewGuid(), Key = key, Name = ListNames[key].Copy(), Source = Truncate(file.Source, 500) };
            db.CodeLists.Add(list);
        }

        var codes = await db.CodeItems.Where(i => i.CodeListId == list.Id).Select(i => i.Code).ToListAsync(cancellationToken);
        var known = codes.ToHashSet(StringComparer.Ordinal);
        var added = 0;
        var order = codes.Count;
        foreach (var item in file.Items.Where(i => !known.Contains(i.Code)))
        {
            db.CodeItems.Add(new CodeItem
            {
                Id = Guid.NewGuid(),
                CodeListId = list.Id,
                Code = item.Code,
                Label = LocalizedText.Of(item.Labels),
                Extra = item.Extra is null ? null : JsonSerializer.Serialize(item.Extra),
                SortOrder = order++,
            });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    private static string SeedFilesHash()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var name in BaseSeedFiles.Concat(ListNames.Keys.Select(k => $"codelists.{k}.json")))
        {
            using var stream = EmbeddedFile.Open($"ReferenceData.Seed.{name}");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            hash.AppendData(buffer.ToArray());
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    private static T Read<T>(string name)
    {
        using var stream = EmbeddedFile.Open($"ReferenceData.Seed.{name}");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"The seed file {name} is empty.");
    }

    public sealed record SeedResult(int Jurisdictions, int Institutions, int CodeItems);

    private sealed record JurisdictionRow(string Code, JurisdictionKind Kind, string Name, string? NameCyrillic, string? NameEn, string? Parent, string? Region);

    private sealed record InstitutionRow(
        string Code, string Name, string? NameCyrillic, string? NameEn, string? Abbreviation, InstitutionType Type,
        string Jurisdiction, string? Parent, string? Website);

    private sealed record CodeListFile(string List, string? Source, List<CodeItemRow> Items);

    private sealed record CodeItemRow(string Code, Dictionary<string, string> Labels, Dictionary<string, string>? Extra);
}
