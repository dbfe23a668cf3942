using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;
using Spona.Web.Platform.Protection;

namespace Spona.Tests.Platform.Protection;

/// <summary>Every personal-data property of the model is classified, completely (S14); the rule is in DataClassificationRegistry.</summary>
public sealed class DataClassificationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private DataClassificationRegistry Registry()
    {
        using var scope = app.Factory.Services.CreateScope();
        return new DataClassificationRegistry(scope.ServiceProvider.GetRequiredService<AppDbContext>().Model);
    }

    [Fact]
    public void EveryPropertyThatLooksPersonal_IsClassified()
    {
        var unclassified = Registry().Unclassified();

        Assert.True(unclassified.Count == 0, "Classify with [PersonalDataClassification] or .IsPersonalData(...): " + string.Join(", ", unclassified));
    }

    [Fact]
    public void EveryClassification_HasPurposeLegalBasisAndRetention()
    {
        var registry = Registry();

        Assert.True(registry.All.Count >= 10, $"only {registry.All.Count} classified properties");
        Assert.Empty(registry.Incomplete());
    }

    [Theory]
    [InlineData(nameof(SponaUser.DisplayName), true)]
    [InlineData(nameof(SponaUser.PhoneNumber), true)]
    [InlineData(nameof(SponaUser.Email), false)]
    [InlineData(nameof(SponaUser.NormalizedEmail), false)]
    [InlineData(nameof(SponaUser.UserName), false)]
    [InlineData(nameof(SponaUser.NormalizedUserName), false)]
    public void AccountProperties_AreEncryptedExceptTheLookupKeys(string property, bool encrypted)
    {
        var classified = Registry().All.Single(p => p.Entity == nameof(SponaUser) && p.Property == property);

        Assert.Equal(encrypted, classified.Classification.Encrypted);
    }

    [Fact]
    public void AuthenticatorKeysAndRecoveryCodes_AreEncryptedSecrets()
    {
        var token = Registry().All.Single(p => p.Table == "AspNetUserTokens" && p.Property == "Value");

        Assert.True(token.Classification.Encrypted);
        Assert.Equal(DataSensitivity.Secret, token.Classification.Sensitivity);
    }

    [Fact]
    public void TheRule_FlagsAnUnclassifiedPersonProperty()
    {
        using var context = new PersonContext();

        var unclassified = new DataClassificationRegistry(context.Model).Unclassified();

        Assert.Equal(["Person.DateOfBirth", "Person.Name"], unclassified.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EncryptedColumns_AreListedForRotation()
    {
        using var scope = app.Factory.Services.CreateScope();
        var columns = FieldProtectionModel.EncryptedColumns(scope.ServiceProvider.GetRequiredService<AppDbContext>().Model).Select(c => c.Binding);

        Assert.Equal(["AspNetUserTokens.Value", "AspNetUsers.DisplayName", "AspNetUsers.PhoneNumber", "AuditOperations.Reason", "MailOutbox.Body", "MailOutbox.Recipient", "RecordAccessGrants.Reason", "StoredFiles.DeletionReason", "StoredFiles.FileName", "Tasks.CancelReason", "Tasks.Note", "Tasks.Title"], columns);
    }

    private sealed class PersonContext : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.UseSqlite("Data Source=:memory:");

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Person>();
    }

    private sealed class Person
    {
        public int Id { get; set; }

        public string Name { get; set; } = "";

        [PersonalDataClassification(Purpose = "p", LegalBasis = "l", Retention = "r")]
        public string LastName { get; set; } = "";

        public DateOnly DateOfBirth { get; set; }
    }
}
