using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Spona.Web.Platform.Protection;

namespace Spona.Tests.Platform.Protection;

/// <summary>
/// The conventions on a module's own entity: the attribute alone encrypts, the blind index follows on save and finds
/// exact matches, and two contexts with different key rings in one process never share converters.
/// </summary>
public sealed class BlindIndexTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), "spona-blind-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    [Fact]
    public async Task SavedValues_AreEncryptedIndexedAndFoundByExactMatch()
    {
        var protector = new FieldProtector(KeyRing.CreateEphemeral(new FakeTimeProvider()));
        await using (var db = new ContactContext(file, protector))
        {
            await db.Database.EnsureCreatedAsync();
            db.Contacts.Add(new Contact { Email = "Ana.Anic@example.test" });
            db.Contacts.Add(new Contact { Email = "other@example.test" });
            await db.SaveChangesAsync();
        }

        await using (var db = new ContactContext(file, protector))
        {
            var found = await db.Contacts.WhereBlindIndexEquals(db, c => c.Email, "  ana.anic@EXAMPLE.test").SingleAsync();
            Assert.Equal("Ana.Anic@example.test", found.Email);
            found.Email = "changed@example.test";
            await db.SaveChangesAsync();
        }

        await using (var db = new ContactContext(file, protector))
        {
            Assert.Empty(await db.Contacts.WhereBlindIndexEquals(db, c => c.Email, "ana.anic@example.test").ToListAsync());
            Assert.Single(await db.Contacts.WhereBlindIndexEquals(db, c => c.Email, "changed@example.test").ToListAsync());
            var raw = await db.Database.SqlQueryRaw<string>("SELECT \"Email\" AS \"Value\" FROM \"Contacts\"").ToListAsync();
            Assert.All(raw, v => Assert.StartsWith(FieldProtector.Prefix, v, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ContextsWithDifferentKeyRings_DoNotShareConverters()
    {
        var first = new FieldProtector(KeyRing.CreateEphemeral(new FakeTimeProvider()));
        var second = new FieldProtector(KeyRing.CreateEphemeral(new FakeTimeProvider()));
        await using (var db = new ContactContext(file, first))
        {
            await db.Database.EnsureCreatedAsync();
            db.Contacts.Add(new Contact { Email = "a@example.test" });
            await db.SaveChangesAsync();
        }

        await using (var db = new ContactContext(file, second))
        {
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => db.Contacts.ToListAsync());
            Assert.IsType<PersonalDataDecryptionException>(ex is PersonalDataDecryptionException ? ex : ex.InnerException);
        }

        await using (var db = new ContactContext(file, first))
        {
            Assert.Equal("a@example.test", (await db.Contacts.SingleAsync()).Email);
        }
    }

    private sealed class ContactContext(string file, FieldProtector protector) : DbContext
    {
        public DbSet<Contact> Contacts => Set<Contact>();

        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
            optionsBuilder.UseSqlite($"Data Source={file}").UseFieldProtection(protector);

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Contact>();
            modelBuilder.ApplyFieldProtection(protector);
        }
    }

    private sealed class Contact
    {
        public int Id { get; set; }

        [PersonalDataClassification(Purpose = "Test", LegalBasis = "Test", Retention = "Test", BlindIndex = nameof(EmailIndex))]
        public required string Email { get; set; }

        public string? EmailIndex { get; set; }
    }
}
