namespace Spona.Migrations.Postgres;

/// <summary>
/// Stands in for the application's DbContext in the generated migrations' [DbContext] attributes, so that this
/// project need not reference the web project (which references it). See docs/adr/0003-migrations-projects.md.
/// </summary>
public static class PostgresMigrationsMarker;
