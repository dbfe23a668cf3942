using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Web.Platform.Audit;

namespace Spona.Tests.Platform.Audit;

/// <summary>Automatic capture in the same transaction, on a small model with a personal-data field.</summary>
public sealed class AuditCaptureTests : IDisposable
{
    private const string Canary = "CANARY-Zq7x-Person-Name";

    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly PendingAuditEvents pending = new();
    private readonly AuditSealSignal signal = new();

    public AuditCaptureTests()
    {
        connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public void Dispose()
    {
        connection.Dispose();
        signal.Dispose();
    }

    [Fact]
    public async Task Insert_Update_Delete_AreEachRecorded_PersonalFieldsByNameOnly()
    {
        var id = Guid.NewGuid();
        await using (var db = NewContext())
        {
            db.Add(new Person { Id = id, Name = Canary, Code = "P1" });
            await db.SaveChangesAsync();
        }

        await using (var db = NewContext())
        {
            var person = await db.Set<Person>().SingleAsync();
            person.Name = Canary + "-2";
            person.Code = "P2";
            await db.SaveChangesAsync();
            db.Remove(person);
            await db.SaveChangesAsync();
        }

        await using var read = NewContext();
        await AuditSealer.SealBatchAsync(read, CancellationToken.None);
        var entries = await read.Set<AuditEntry>().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([AuditActions.EntityCreated, AuditActions.EntityUpdated, AuditActions.EntityDeleted], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(id.ToString(), e.EntityKey));
        Assert.All(entries, e => Assert.Equal(nameof(Person), e.EntityType));
        Assert.All(entries, e => Assert.DoesNotContain("CANARY", e.Changes!, StringComparison.Ordinal));
        var update = JsonDocument.Parse(entries[1].Changes!).RootElement.EnumerateArray().ToList();
        Assert.Contains(update, c => c.GetProperty("field").GetString() == "Name" && c.GetProperty("personal").GetBoolean());
        Assert.Contains(update, c => c.GetProperty("field").GetString() == "Code" && c.GetProperty("old").GetString() == "P1" && c.GetProperty("new").GetString() == "P2");
        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.Sequence));
        Assert.Equal(entries[0].EntryHash, entries[1].PreviousHash);
    }

    [Fact]
    public async Task FailedSave_LeavesNoAuditEntry_AndTheNextSaveContinuesTheChain()
    {
        await using (var db = NewContext())
        {
            db.Add(new Person { Id = Guid.NewGuid(), Name = "A", Code = "SAME" });
            await db.SaveChangesAsync();
        }

        await using (var db = NewContext())
        {
            db.Add(new Person { Id = Guid.NewGuid(), Name = "B", Code = "SAME" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.Add(new Person { Id = Guid.NewGuid(), Name = "C", Code = "OTHER" });
            await db.SaveChangesAsync();
        }

        await using var read = NewContext();
        await AuditSealer.SealBatchAsync(read, CancellationToken.None);
        var entries = await read.Set<AuditEntry>().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([1L, 2L], entries.Select(e => e.Sequence));
        Assert.Equal(entries[0].EntryHash, entries[1].PreviousHash);
    }

    [Fact]
    public async Task QueuedRead_JoinsTheNextSave()
    {
        pending.Add(new AuditEvent(AuditActions.RecordRead, nameof(Person), "k1", Reason: "case review"));
        await using (var db = NewContext())
        {
            db.Add(new Person { Id = Guid.NewGuid(), Name = "A", Code = "X" });
            await db.SaveChangesAsync();
        }

        await using var read = NewContext();
        await AuditSealer.SealBatchAsync(read, CancellationToken.None);
        var entries = await read.Set<AuditEntry>().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.Action == AuditActions.RecordRead && e.EntityKey == "k1" && e.Reason == "case review" && e.ActorLabel == AuditActor.CliLabel);
        Assert.Equal(0, pending.Count);
    }

    [Fact]
    public async Task ChangingAnAuditEntry_ThroughTheApplication_IsRefused()
    {
        await using (var db = NewContext())
        {
            db.Add(new Person { Id = Guid.NewGuid(), Name = "A", Code = "X" });
            await db.SaveChangesAsync();
        }

        await using var again = NewContext();
        await AuditSealer.SealBatchAsync(again, CancellationToken.None);
        var entry = await again.Set<AuditEntry>().FirstAsync();
        entry.Reason = "changed";
        await Assert.ThrowsAsync<InvalidOperationException>(() => again.SaveChangesAsync());
    }

    [Fact]
    public void PersonalDataPolicy_RecognisesIdentityAndSponaAttributes()
    {
        Assert.True(AuditFieldPolicy.IsPersonal(typeof(Person).GetProperty(nameof(Person.Name))!));
        Assert.False(AuditFieldPolicy.IsPersonal(typeof(Person).GetProperty(nameof(Person.Code))!));
        Assert.True(AuditFieldPolicy.IsPersonal(typeof(Person).GetProperty(nameof(Person.Note))!));
    }

    private TestContext NewContext()
    {
        var accessor = new AuditActorAccessor(new HttpContextAccessor(), new ServiceCollection().BuildServiceProvider());
        var options = new DbContextOptionsBuilder<TestContext>()
            .UseSqlite(connection)
            .AddInterceptors(new AuditSaveChangesInterceptor(pending, accessor, TimeProvider.System, signal))
            .Options;
        return new TestContext(options);
    }

    public sealed class Person : IAudited
    {
        public Guid Id { get; set; }

        [PersonalData]
        public required string Name { get; set; }

        [AuditValue]
        public required string Code { get; set; }

        [Spona.Tests.Platform.Audit.Sensitive]
        public string? Note { get; set; }
    }

    private sealed class TestContext(DbContextOptions<TestContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
            modelBuilder.ApplyConfiguration(new UnsealedAuditEntryConfiguration());
            modelBuilder.Entity<Person>().HasIndex(p => p.Code).IsUnique();
        }
    }
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveAttribute : Attribute;
