using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Protection;

namespace Spona.Tests.Platform.Protection;

/// <summary>
/// ADR 0019: non-string personal data is encrypted with the same classification and keeps its type in the model; a
/// field carries several blind indexes with named normalisers; raw storage holds no clear value. On both databases.
/// </summary>
public sealed class PersonalDataKitTests : IAsyncLifetime
{
    private const string Surname = "Šarićkanarević";
    private readonly FieldProtector protector = new(KeyRing.CreateEphemeral(new FakeTimeProvider()));
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await using var db = new PersonContext(database, protector);
        await db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        await database.DisposeAsync();
    }

    [Theory]
    [InlineData("Šarić", "saric")]
    [InlineData("Шарић", "saric")]
    [InlineData("  SARIĆ ", "saric")]
    [InlineData("Đorđević", "djordjevic")]
    [InlineData("Ђорђевић", "djordjevic")]
    [InlineData("Љубица Њежић", "ljubica njezic")]
    [InlineData("Džafer", "dzafer")]
    public void Folded_JoinsScriptsDiacriticsAndCase(string value, string folded) =>
        Assert.Equal(folded, BlindIndexNormalisers.Fold(value));

    [Fact]
    public async Task NonStringValues_AreEncrypted_ReadBackWithTheirType_AndFoundThroughEveryIndex()
    {
        var id = Guid.NewGuid();
        await using (var db = new PersonContext(database, protector))
        {
            db.People.Add(new Person
            {
                Id = id,
                Surname = Surname,
                DateOfBirth = new DateOnly(2011, 7, 23),
                Children = 7_346_219,
                Status = PersonStatus.Protected,
                Aliases = ["Kanarinka", "Zqx-alias"],
                Decided = null,
            });
            db.People.Add(new Person { Id = Guid.NewGuid(), Surname = "Petrović", DateOfBirth = new DateOnly(1990, 1, 2), Status = PersonStatus.Open, Aliases = [] });
            await db.SaveChangesAsync();
        }

        await using (var db = new PersonContext(database, protector))
        {
            var person = await db.People.SingleAsync(p => p.Id == id);
            Assert.Equal(new DateOnly(2011, 7, 23), person.DateOfBirth);
            Assert.Equal(7_346_219, person.Children);
            Assert.Equal(PersonStatus.Protected, person.Status);
            Assert.Equal(["Kanarinka", "Zqx-alias"], person.Aliases);
            Assert.Null(person.Decided);

            foreach (var search in new[] { "Šarićkanarević", "SaricKanarevic", "Шарићканаревић" })
            {
                Assert.Equal(id, (await db.People.WhereBlindIndexEquals(db, p => p.Surname, search, BlindIndexNormalisers.Folded).SingleAsync()).Id);
            }

            Assert.Equal(id, (await db.People.WhereBlindIndexEquals(db, p => p.Surname, Surname).SingleAsync()).Id);
            Assert.Empty(await db.People.WhereBlindIndexEquals(db, p => p.Surname, "Saričkanarević").ToListAsync());
            Assert.Empty(await db.People.WhereBlindIndexEquals(db, p => p.Surname, "Sarickanarevic").ToListAsync());

            person.Aliases = ["Changed"];
            person.Surname = "Novak";
            await db.SaveChangesAsync();
        }

        await using (var db = new PersonContext(database, protector))
        {
            Assert.Equal(["Changed"], (await db.People.SingleAsync(p => p.Id == id)).Aliases);
            Assert.Empty(await db.People.WhereBlindIndexEquals(db, p => p.Surname, "Saric Kanarevic", BlindIndexNormalisers.Folded).ToListAsync());
            Assert.Single(await db.People.WhereBlindIndexEquals(db, p => p.Surname, "NOVAK", BlindIndexNormalisers.Folded).ToListAsync());
        }

        var raw = await RawStorageAsync();
        foreach (var canary in new[] { "Novak", "novak", "anarevi", "Petrovi", "petrovi", "2011-07-23", "7346219", "Protected", "Kanarinka", "Changed", "Zqx" })
        {
            Assert.DoesNotContain(canary, raw, StringComparison.Ordinal);
        }
    }

    /// <summary>What someone with the database files or a superuser's SQL sees.</summary>
    private async Task<string> RawStorageAsync()
    {
        if (!database.IsPostgres)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var text = new StringBuilder();
            foreach (var file in Directory.GetFiles(database.DataDirectory))
            {
                text.Append(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)));
                text.Append(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)));
            }

            return text.ToString();
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT string_agg(t::text, E'\n') FROM "People" t""";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public enum PersonStatus
    {
        Open,
        Protected,
    }

    private sealed class Person
    {
        private const string P = "Test", L = "Test", R = "Test";

        public Guid Id { get; set; }

        [PersonalDataClassification(Purpose = P, LegalBasis = L, Retention = R, BlindIndex = nameof(SurnameExact))]
        [BlindIndex(nameof(SurnameFolded), BlindIndexNormalisers.Folded)]
        public required string Surname { get; set; }

        public string? SurnameExact { get; set; }

        public string? SurnameFolded { get; set; }

        [PersonalDataClassification(Purpose = P, LegalBasis = L, Retention = R, Sensitivity = DataSensitivity.SpecialCategory)]
        public DateOnly DateOfBirth { get; set; }

        [PersonalDataClassification(Purpose = P, LegalBasis = L, Retention = R)]
        public int? Children { get; set; }

        [PersonalDataClassification(Purpose = P, LegalBasis = L, Retention = R)]
        public PersonStatus Status { get; set; }

        [PersonalDataClassification(Purpose = P, LegalBasis = L, Retention = R)]
        public List<string> Aliases { get; set; } = [];

        [PersonalDataClassification(Purpose = P, LegalBasis = L, Retention = R)]
        public DateTime? Decided { get; set; }
    }

    private sealed class PersonContext(TestDatabase database, FieldProtector protector) : DbContext
    {
        public DbSet<Person> People => Set<Person>();

        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
        {
            _ = database.IsPostgres ? optionsBuilder.UseNpgsql(database.ConnectionString) : optionsBuilder.UseSqlite(database.ConnectionString);
            optionsBuilder.UseFieldProtection(protector);
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Person>().ToTable("People");
            modelBuilder.ApplyFieldProtection(protector);
        }
    }
}
