using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Access;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Protection;

namespace Spona.Web.Platform.Persistence;

/// <summary>
/// The data API of the application (architecture convention 4): the platform's sets. Each module keeps its mapping in
/// its own <c>…Configuration</c> classes, which are picked up from this assembly, and declares its sets in its own
/// folder as extension members of this context (<c>extension(AppDbContext db) { DbSet&lt;T&gt; Ts =&gt; db.Set&lt;T&gt;(); }</c>).
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, CurrentUser? currentUser = null)
    : IdentityDbContext<SponaUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    public DbSet<SeedRecord> SeedRecords => Set<SeedRecord>();

    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();

    public DbSet<Institution> Institutions => Set<Institution>();

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
        // Every scoped record type is filtered by the current user's scope in every query (S5); see ScopeFilter.
        var apply = typeof(AppDbContext).GetMethod(nameof(ApplyRecordScope), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        foreach (var type in builder.Model.GetEntityTypes().Where(t => t.BaseType is null && !t.IsOwned() && typeof(IScopedRecord).IsAssignableFrom(t.ClrType)).ToList())
        {
            apply.MakeGenericMethod(type.ClrType).Invoke(this, [builder]);
        }
    }

    // The record-scope filter's parameters, read by EF at every query from the context that runs it.
    private Guid ScopeUserId => currentUser?.Scope.UserId ?? Guid.Empty;

    private Guid ScopeInstitutionId => currentUser?.Scope.InstitutionId ?? Guid.Empty;

    private List<Guid> ScopeJurisdictionIds => currentUser is null ? [] : [.. currentUser.Scope.JurisdictionIds];

    private DateTime ScopeNow => currentUser?.UtcNow ?? DateTime.MinValue;

    private void ApplyRecordScope<T>(ModelBuilder builder)
        where T : class, IScopedRecord
    {
        var recordType = T.RecordType;
        // Own institution, a jurisdiction within the user's scope, or a grant in force to the user or their institution;
        // the same rule as RecordScope.Filter and RecordScope.CanAccessAsync (tested to agree).
        builder.Entity<T>().HasQueryFilter(ScopeFilter.Name, r => ScopeUserId != Guid.Empty
            && (r.OwnerInstitutionId == ScopeInstitutionId
                || (r.JurisdictionId != null && ScopeJurisdictionIds.Contains(r.JurisdictionId.Value))
                || Set<RecordAccessGrant>().Any(g => g.RecordType == recordType && g.RecordId == r.Id && g.RevokedAt == null
                    && g.ValidFrom <= ScopeNow && (g.ValidUntil == null || g.ValidUntil > ScopeNow)
                    && (g.GranteeUserId == ScopeUserId || g.GranteeInstitutionId == ScopeInstitutionId))));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored in UTC and read back as UTC on both providers (architecture convention 8).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
