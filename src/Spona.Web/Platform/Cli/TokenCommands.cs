using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Cli;

/// <summary><c>spona token create --email E --name N --expires-days D [--permission P ...]</c>: an operator issues a token.</summary>
internal static class TokenCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var email = new Option<string>("--email") { Description = "The e-mail address of the account the token acts for.", Required = true };
        var name = new Option<string>("--name") { Description = "What the token is for (at most 100 characters).", Required = true };
        var days = new Option<int>("--expires-days") { Description = "Days until the token expires (1-365).", Required = true };
        var permissions = new Option<string[]>("--permission") { Description = "A permission the token carries (repeatable; default: all the account's own except ApiTokens.Use).", AllowMultipleArgumentsPerToken = false };
        var create = new Command("create", "Make an API token for an existing account and print it once.") { email, name, days, permissions };
        create.SetAction((parse, ct) => SponaCli.WithServices(output, error, async services =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var user = await services.GetRequiredService<UserManager<SponaUser>>().FindByEmailAsync(parse.GetValue(email)!.Trim());
            if (user is null || user.IsDisabled)
            {
                await error.WriteLineAsync("There is no active account with that e-mail address.");
                return 1;
            }

            var (token, secret, _, problem) = await services.GetRequiredService<ApiTokenService>()
                .CreateAsync(user, parse.GetValue(name)!, parse.GetValue(days), parse.GetValue(permissions) ?? [], "operator", ct);
            if (token is null)
            {
                await error.WriteLineAsync(problem);
                return 2;
            }

            await output.WriteLineAsync($"Token '{token.Name}' for {user.Email}, expires {token.ExpiresAt:yyyy-MM-dd HH:mm} UTC, permissions: {token.Permissions}.");
            await output.WriteLineAsync("Copy it now; it is not shown again:");
            await output.WriteLineAsync(secret);
            return 0;
        }));
        return new Command("token", "Manage API tokens.") { create };
    }
}
