using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ActionPlans;

/// <summary>What the module's writers share: locking a plan for a change, and the checks of institutions and levels.</summary>
public sealed class PlanChanges(AppDbContext db)
{
    /// <summary>
    /// Holds the plan row for the rest of the transaction, so that two changes that number or check the plan's
    /// children (activity numbers, overlapping periods) run one after the other. On SQLite the transaction is
    /// IMMEDIATE and already excludes other writers; PostgreSQL locks the row.
    /// </summary>
    public async Task LockPlanAsync(Guid planId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.SqlQuery<Guid>($"SELECT \"Id\" AS \"Value\" FROM \"ActionPlans\" WHERE \"Id\" = {planId} FOR UPDATE").ToListAsync(cancellationToken);
        }
    }

    /// <summary>The government levels that adopt plans (1.1.2): the state (BiH institutions), the entities, Brčko District, the cantons.</summary>
    public static bool AdoptsPlans(JurisdictionKind kind) =>
        kind is JurisdictionKind.State or JurisdictionKind.Entity or JurisdictionKind.District or JurisdictionKind.Canton;

    public Task<bool> ActiveInstitutionAsync(Guid id, CancellationToken cancellationToken) =>
        db.Institutions.AnyAsync(i => i.Id == id && i.IsActive, cancellationToken);

    public Task<int> ActiveInstitutionCountAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.Institutions.CountAsync(i => ids.Contains(i.Id) && i.IsActive, cancellationToken);
}
