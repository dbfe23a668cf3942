using Microsoft.AspNetCore.Authorization;

namespace Spona.Web.Platform.Access;

/// <summary>
/// Resource authorization for one record: <c>await authorization.AuthorizeAsync(User, record, RecordScopeRequirement.Instance)</c>.
/// Succeeds when <see cref="RecordScope"/> says the user reaches the record.
/// </summary>
public sealed class RecordScopeRequirement : IAuthorizationRequirement
{
    public static readonly RecordScopeRequirement Instance = new();
}

/// <summary>
/// Resolves <see cref="RecordScope"/> (and with it a database context) only when a record-scope requirement is
/// evaluated: every authorization check of every request builds the handlers, and most name only a permission.
/// </summary>
internal sealed class RecordScopeHandler(IServiceProvider services) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        foreach (var requirement in context.PendingRequirements.OfType<RecordScopeRequirement>().ToList())
        {
            if (context.Resource is IScopedRecord record && await CanAccessAsync(services.GetRequiredService<RecordScope>(), record))
            {
                context.Succeed(requirement);
            }
        }
    }

    private static Task<bool> CanAccessAsync(RecordScope scope, IScopedRecord record) =>
        (Task<bool>)typeof(RecordScope).GetMethods().Single(m => m.Name == nameof(RecordScope.CanAccessAsync) && m.GetParameters().Length == 2)
            .MakeGenericMethod(record.GetType())
            .Invoke(scope, [record, CancellationToken.None])!;
}
