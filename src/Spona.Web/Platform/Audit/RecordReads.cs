namespace Spona.Web.Platform.Audit;

/// <summary>
/// The records a request showed (scoped: one per request). A handler of a route marked
/// <see cref="ReadsPersonalDataAttribute"/> names each record it puts in the response, so that a list writes one read
/// entry per record it showed and the insider-misuse alert counts them; <see cref="ReadAuditMiddleware"/> writes them.
/// </summary>
public sealed class RecordReads
{
    private readonly List<(string RecordType, string Key)> shown = [];
    private readonly Lock gate = new();

    public void Shown(string recordType, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recordType);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        lock (gate)
        {
            if (!shown.Contains((recordType, key)))
            {
                shown.Add((recordType, key));
            }
        }
    }

    public void Shown(string recordType, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            Shown(recordType, key);
        }
    }

    public void Shown(string recordType, IEnumerable<Guid> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Shown(recordType, keys.Select(k => k.ToString()));
    }

    internal IReadOnlyList<(string RecordType, string Key)> All()
    {
        lock (gate)
        {
            return [.. shown];
        }
    }
}
