using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Audit;

/// <summary>Creates, lists and (de)serialises checkpoints. A checkpoint is only taken of a trail that verifies.</summary>
public sealed class AuditCheckpoints(AppDbContext db, AuditVerifier verifier, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One line of an exported checkpoint file.</summary>
    public sealed record Line(long TreeSize, string RootHash, DateTime CreatedAt);

    /// <summary>Verifies the trail and stores its current root; null (and the failure) if the trail is broken.</summary>
    public async Task<(AuditCheckpoint? Checkpoint, AuditVerification Verification)> CreateAsync(CancellationToken cancellationToken)
    {
        var stored = await ListAsync(cancellationToken);
        var verification = await verifier.VerifyAsync([.. stored.Select(c => new CheckpointClaim(c.TreeSize, c.RootHash))], cancellationToken);
        if (!verification.Intact)
        {
            return (null, verification);
        }

        var checkpoint = new AuditCheckpoint
        {
            TreeSize = verification.Count,
            RootHash = verification.RootHash,
            CreatedAt = AuditHash.Normalize(clock.GetUtcNow().UtcDateTime),
        };
        db.Add(checkpoint);
        await db.SaveChangesAsync(cancellationToken);
        return (checkpoint, verification);
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> ListAsync(CancellationToken cancellationToken) =>
        await db.Set<AuditCheckpoint>().AsNoTracking().OrderBy(c => c.TreeSize).ThenBy(c => c.Id).ToListAsync(cancellationToken);

    public static string ToJsonLine(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return JsonSerializer.Serialize(new Line(checkpoint.TreeSize, checkpoint.RootHash, checkpoint.CreatedAt), Json);
    }

    /// <summary>Reads an exported file (JSON lines); throws <see cref="FormatException"/> naming the bad line.</summary>
    public static IReadOnlyList<CheckpointClaim> ParseJsonLines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var claims = new List<CheckpointClaim>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            Line? line;
            try
            {
                line = JsonSerializer.Deserialize<Line>(raw, Json);
            }
            catch (JsonException)
            {
                line = null;
            }

            if (line is null || line.TreeSize < 0 || line.RootHash is not { Length: 64 } || !line.RootHash.All(Uri.IsHexDigit))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Line {number} is not a checkpoint (expected {{\"treeSize\":N,\"rootHash\":\"64 hex digits\",\"createdAt\":\"…\"}})."));
            }

            claims.Add(new CheckpointClaim(line.TreeSize, line.RootHash.ToLowerInvariant()));
        }

        return claims;
    }
}
