using Microsoft.AspNetCore.Authorization;

namespace Spona.Web.Platform.Authorization;

public static class AuthorizationSetup
{
    /// <summary>
    /// Deny by default: a signed-in user is required unless a page or endpoint says otherwise, and every permission
    /// also needs a completed second factor (S1, S4).
    /// </summary>
    public static IServiceCollection AddPermissionPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AccountPolicies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(AccountPolicies.SecondFactor, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => Identity.SecondFactor.IsSatisfied(context.User)))
            .AddPermissionPolicies()
            .Services;

    private static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Permissions.All)
        {
            builder.AddPolicy(permission, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => Identity.SecondFactor.IsSatisfied(context.User) && RolePermissions.Allows(context.User, permission)));
        }

        return builder;
    }
}
