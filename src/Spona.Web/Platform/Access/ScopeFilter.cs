using Microsoft.EntityFrameworkCore;

namespace Spona.Web.Platform.Access;

/// <summary>
/// Why a query may reach scoped records beyond the current user's scope. Each is a named decision, reviewed where it
/// is used and tested; there is no other way around the record-scope filter (an architecture test refuses
/// <c>IgnoreQueryFilters</c> anywhere else).
/// </summary>
public enum ScopeOptOut
{
    /// <summary>Counts and aggregates that never show a record (published statistics, dashboards).</summary>
    Statistics = 1,

    /// <summary>Checking a new person against every person recorded, answering only "a possible duplicate exists".</summary>
    DuplicateCheck = 2,

    /// <summary>Background work with no user: escalations, reminders, retention.</summary>
    SystemJob = 3,

    /// <summary>Breaking the glass: whether the record exists, before any access to it is opened.</summary>
    BreakGlass = 4,

    /// <summary>An explicit scope other than the current user's (<see cref="RecordScope.Filter{T}"/> with a given scope).</summary>
    ExplicitScope = 5,
}

public static class ScopeFilter
{
    /// <summary>The name of the query filter every <see cref="IScopedRecord"/> type carries.</summary>
    public const string Name = "RecordScope";

    private static readonly string[] Names = [Name];

    /// <summary>
    /// This query reaches records outside the current user's scope, for the named reason. Use nowhere else than where
    /// the reason holds; the result must not show a record to a user who does not reach it.
    /// </summary>
    public static IQueryable<T> WithoutScope<T>(this IQueryable<T> query, ScopeOptOut reason)
        where T : class
    {
        if (!Enum.IsDefined(reason))
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Name why the query leaves the user's scope.");
        }

        return query.IgnoreQueryFilters(Names);
    }
}
