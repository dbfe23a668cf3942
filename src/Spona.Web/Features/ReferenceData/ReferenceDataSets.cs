using Microsoft.EntityFrameworkCore;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Features.ReferenceData;

/// <summary>The code lists' sets of the data API, declared from the module's folder (the platform's context names none).</summary>
public static class ReferenceDataSets
{
    extension(AppDbContext db)
    {
        public DbSet<CodeList> CodeLists => db.Set<CodeList>();

        public DbSet<CodeItem> CodeItems => db.Set<CodeItem>();
    }
}
