using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Features.ReferenceData;
using Spona.Web.Features.Strategy;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Persistence;

/// <summary>
/// The data API of the application (architecture convention 4). Each module keeps its mapping in its own
/// <c>…Configuration</c> classes, which are picked up from this assembly.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<SponaUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    public DbSet<SeedRecord> SeedRecords => Set<SeedRecord>();

    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();

    public DbSet<Institution> Institutions => Set<Institution>();

    public DbSet<CodeList> CodeLists => Set<CodeList>();

    public DbSet<CodeItem> CodeItems => Set<CodeItem>();

    public DbSet<StrategyDocument> Strategies => Set<StrategyDocument>();

    public DbSet<StrategyGoal> StrategyGoals => Set<StrategyGoal>();

    public DbSet<StrategyMeasure> StrategyMeasures => Set<StrategyMeasure>();

    public DbSet<MeasureItem> MeasureItems => Set<MeasureItem>();

    public DbSet<MeasureAmendment> MeasureAmendments => Set<MeasureAmendment>();

    public DbSet<MeasureRevision> MeasureRevisions => Set<MeasureRevision>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        // Every property classified as encrypted gets its converter here; modules only classify (S8, ADR 0010).
        builder.ApplyFieldProtection(options.FindProtector());
        // Every versioned entity's version is its concurrency token; VersionInterceptor raises it (S12).
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType) && !e.IsOwned()))
        {
            entity.FindProperty(nameof(IVersioned.Version))!.IsConcurrencyToken = true;
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored in UTC and read back as UTC on both providers (architecture convention 8).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
