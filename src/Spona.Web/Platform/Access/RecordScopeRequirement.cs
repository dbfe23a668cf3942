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

internal sealed class RecordScopeHandler(RecordScope scope) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        foreach (var requirement in context.PendingRequirements.OfType<RecordScopeRequirement>().ToList())
        {
            if (context.Resource is IScopedRecord record && await CanAccessAsync(record))
            {
                context.Succeed(requirement);
            }
        }
    }

    private Task<bool> CanAccessAsync(IScopedRecord record) =>
        (Task<bool>)typeof(RecordScope).GetMethods().Single(m => m.Name == nameof(RecordScope.CanAccessAsync) && m.GetParameters().Length == 2)
            .MakeGenericMethod(record.GetType())
            .Invoke(scope, [record, CancellationToken.None])!;
}
