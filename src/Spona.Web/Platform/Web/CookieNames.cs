namespace Spona.Web.Platform.Web;

/// <summary>
/// Outside development every cookie is <c>__Host-</c>-prefixed and Secure (S9): the browser then refuses it over plain
/// HTTP and from any other path or subdomain. Development runs on http://localhost, where such cookies cannot be set.
/// </summary>
internal static class CookieNames
{
    public static string For(IHostEnvironment environment, string name) => environment.IsDevelopment() ? name : "__Host-" + name;

    public static CookieSecurePolicy Policy(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
}
