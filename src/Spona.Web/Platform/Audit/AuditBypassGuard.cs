using System.Collections.Frozen;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Spona.Web.Platform.Audit;

/// <summary>
/// Nothing writes around the trail (issue 8): refuses, before it reaches the database, every command of a context that
/// is not a SaveChanges (which the audit interceptor records) or a migration and that writes to the table of an
/// <see cref="IAudited"/> entity or to an audit table: <c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, and raw SQL
/// (<c>ExecuteSql…</c>, <c>FromSql…</c>) with <c>UPDATE</c>, <c>DELETE</c>, <c>INSERT</c>, <c>MERGE</c>,
/// <c>TRUNCATE</c>, <c>ALTER</c> or <c>DROP</c> on such a table. Change audited data through tracked entities.
/// </summary>
internal sealed partial class AuditBypassGuard : DbCommandInterceptor
{
    public static readonly AuditBypassGuard Instance = new();

    private static readonly ConditionalWeakTable<IModel, FrozenSet<string>> Tables = [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Check(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbCommand command, CommandEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not { } context || eventData.CommandSource is CommandSource.SaveChanges or CommandSource.Migrations)
        {
            return;
        }

        var tables = Tables.GetValue(context.Model, ProtectedTables);
        foreach (Match match in Write().Matches(command.CommandText))
        {
            if (tables.Contains(match.Groups["table"].Value))
            {
                throw new InvalidOperationException(
                    $"'{match.Groups["table"].Value}' is audited: change it through tracked entities and SaveChanges, never with ExecuteUpdate, ExecuteDelete or raw SQL (the change would bypass the audit trail).");
            }
        }
    }

    private static FrozenSet<string> ProtectedTables(IModel model) =>
        model.GetEntityTypes()
            .Where(t => typeof(IAudited).IsAssignableFrom(t.ClrType) || t.ClrType == typeof(AuditEntry) || t.ClrType == typeof(AuditCheckpoint) || t.ClrType == typeof(UnsealedAuditEntry)
                || (t.IsOwned() && t.FindOwnership() is { } owner && typeof(IAudited).IsAssignableFrom(owner.PrincipalEntityType.ClrType)))
            .Select(t => t.GetTableName())
            .OfType<string>()
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // The statement keyword, then the table name, quoted or not, optionally schema-qualified.
    [GeneratedRegex("""\b(?:UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|MERGE\s+INTO|TRUNCATE(?:\s+TABLE)?(?:\s+ONLY)?|ALTER\s+TABLE(?:\s+ONLY)?|DROP\s+TABLE(?:\s+IF\s+EXISTS)?)\s+(?:"?\w+"?\.)?"?(?<table>\w+)"?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Write();
}
