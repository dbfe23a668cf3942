namespace Spona.Web.Platform.Configuration;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
