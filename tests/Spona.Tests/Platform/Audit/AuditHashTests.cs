using Spona.Web.Platform.Audit;

namespace Spona.Tests.Platform.Audit;

public sealed class AuditHashTests
{
    private static AuditEntry Entry() => new()
    {
        Sequence = 7,
        OccurredAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567),
        ActorLabel = "a@example.test",
        Action = AuditActions.EntityUpdated,
        EntityType = "Jurisdiction",
        EntityKey = "k",
        Changes = "[]",
        PreviousHash = AuditHash.Genesis,
        EntryHash = "",
    };

    [Fact]
    public void Hash_IsLowercaseHexOfSha256_AndStable()
    {
        var hash = AuditHash.Compute(Entry());

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, AuditHash.Compute(Entry()));
    }

    [Fact]
    public void Hash_OfALongEntry_GrowsTheReusedBuffer_AndEqualsTheHashOnAFreshOne()
    {
        var entry = Entry();
        entry.Changes = new string('ž', 5000);
        var expected = AuditHash.Compute(entry);
        byte[]? buffer = new byte[16];
        Span<byte> hash = stackalloc byte[32];
        for (var round = 0; round < 2; round++)
        {
            AuditHash.Compute(ref buffer, entry.Sequence, entry.OccurredAt, entry.ActorUserId, entry.ActorLabel, entry.InstitutionId, entry.Action,
                entry.EntityType, entry.EntityKey, entry.Changes, entry.Reason, entry.CorrelationId, entry.Outcome.ToString(), entry.OperationId,
                entry.OperationType, entry.PreviousHash, hash);
            Assert.Equal(expected, Convert.ToHexStringLower(hash));
        }

        Assert.True(buffer!.Length >= 10_000);
    }

    [Fact]
    public void Hash_ChangesWithEveryField_AndFieldBoundariesAreUnambiguous()
    {
        var baseline = AuditHash.Compute(Entry());
        var variants = new Action<AuditEntry>[]
        {
            e => e.Sequence++, e => e.OccurredAt = e.OccurredAt.AddTicks(10), e => e.ActorUserId = Guid.Empty, e => e.ActorLabel += "x",
            e => e.InstitutionId = Guid.Empty, e => e.Action += "x", e => e.EntityType += "x", e => e.EntityKey += "x", e => e.Changes = null,
            e => e.Reason = "", e => e.CorrelationId = "", e => e.Outcome = AuditOutcome.Denied, e => e.PreviousHash = new string('1', 64),
            // "Jurisdiction" + "k" must differ from "Jurisdictio" + "nk".
            e => { e.EntityType = "Jurisdictio"; e.EntityKey = "nk"; },
        };
        foreach (var change in variants)
        {
            var entry = Entry();
            change(entry);
            Assert.NotEqual(baseline, AuditHash.Compute(entry));
        }
    }

    [Fact]
    public void EntryWithoutOperation_KeepsTheV1Hash()
    {
        // Computed independently from the v1 encoding of ADR 0009: entries sealed before operations existed still verify.
        Assert.Equal("828c6ea161cebe6df9f5d0fa9034b9a137c9492d66d8cdb52699c8c124c119c5", AuditHash.Compute(Entry()));
    }

    [Fact]
    public void EntryWithOperation_HashChangesWithOperationIdAndType()
    {
        var entry = Entry();
        entry.OperationId = Guid.Parse("0b9f4c1e-6a56-4a53-9b1a-2f3c4d5e6f70");
        entry.OperationType = "users.roles.change";
        var v2 = AuditHash.Compute(entry);
        var variants = new Action<AuditEntry>[]
        {
            e => e.OperationId = Guid.Empty, e => e.OperationId = null, e => e.OperationType += "x", e => e.OperationType = null,
            e => { e.OperationId = null; e.OperationType = null; },
        };

        Assert.NotEqual(AuditHash.Compute(Entry()), v2);
        foreach (var change in variants)
        {
            var copy = Entry();
            copy.OperationId = entry.OperationId;
            copy.OperationType = entry.OperationType;
            change(copy);
            Assert.NotEqual(v2, AuditHash.Compute(copy));
        }
    }

    [Fact]
    public void Time_IsTruncatedToMicroseconds_BeforeHashing()
    {
        var entry = Entry();
        AuditHash.Seal(entry, 1, AuditHash.Genesis);

        Assert.Equal(0, entry.OccurredAt.Ticks % 10);
        Assert.Equal(DateTimeKind.Utc, entry.OccurredAt.Kind);
    }
}

/// <summary>The SQLite verifier's reading of stored instants: EF Core's text form directly, anything else as the data reader parses it.</summary>
public sealed class SqliteStoredInstantTests
{
    [Theory]
    [InlineData("2026-12-03 10:22:27.485543")]
    [InlineData("2026-12-03 10:22:27")]
    [InlineData("2026-12-03 10:22:27.1")]
    [InlineData("2026-12-03 10:22:27.1234567")]
    [InlineData("2024-02-29 23:59:59.9999999")]
    [InlineData("0001-01-01 00:00:00")]
    public void EfCoreText_ParsesToTheSameInstantAsTheReader(string stored)
    {
        Assert.True(Spona.Web.Platform.Persistence.SqliteStoredValues.TryParseEfInstant(System.Text.Encoding.UTF8.GetBytes(stored), out var instant));
        Assert.Equal(DateTime.Parse(stored, System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    [Theory]
    [InlineData("2026-12-03T10:22:27")]
    [InlineData("2026-12-03 10:22:27.12345678")]
    [InlineData("2026-12-03 10:22:27.")]
    [InlineData("2026-02-30 10:22:27")]
    [InlineData("2026-13-03 10:22:27")]
    [InlineData("2026-12-03 24:00:00")]
    [InlineData("2026-12-03 10:22:27+01:00")]
    [InlineData("2026-12-03 10:22")]
    [InlineData("")]
    public void AnyOtherText_IsLeftToTheReadersParser(string stored) =>
        Assert.False(Spona.Web.Platform.Persistence.SqliteStoredValues.TryParseEfInstant(System.Text.Encoding.UTF8.GetBytes(stored), out _));
}
