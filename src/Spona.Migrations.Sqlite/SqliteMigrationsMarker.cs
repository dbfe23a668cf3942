using Microsoft.EntityFrameworkCore;

namespace Spona.Migrations.Sqlite;

/// <summary>
/// Stands in for the application's DbContext in the generated migrations' [DbContext] attributes, so that this
/// project need not reference the web project (which references it). It derives from DbContext only because the EF
/// tools look at every type those attributes name; it is never instantiated. See docs/adr/0003-migrations-projects.md.
/// </summary>
public sealed class SqliteMigrationsMarker : DbContext;
