using System.CommandLine;
using Spona.Web.Platform.Configuration;
using Spona.Web.Platform.Identity;
using Spona.Web.Platform.Modules;
using Spona.Web.Platform.Organisations;
using Spona.Web.Platform.Persistence;

namespace Spona.Web.Platform.Cli;

/// <summary>
/// The same executable takes operator commands: the platform's (<c>spona migrate</c>, <c>spona admin create</c>,
/// <c>spona token</c>, <c>spona keys</c>, <c>spona audit</c>, <c>spona jobs list</c>) and those that modules declare
/// (<see cref="ISponaModule.Commands"/>: <c>spona seed reference</c>, <c>spona strategy import</c>). Exit codes: 0 done, 1 refused or failed, 2 bad usage or
/// configuration.
/// </summary>
public static class SponaCli
{
    private static readonly string[] PlatformCommands = ["migrate", "admin", "token", "keys", "audit", "jobs", "--help", "-h", "-?", "help", "--version"];

    /// <summary>The platform's commands and every module's (<see cref="ISponaModule.Commands"/>).</summary>
    private static readonly string[] Commands =
        [.. PlatformCommands, .. SponaModules.All.SelectMany(m => m.Commands(TextWriter.Null, TextWriter.Null)).Select(c => c.Name)];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Spona: the information system for combating human trafficking in Bosnia and Herzegovina.\nRun without a command to start the web application.");

        var migrate = new Command("migrate", "Apply database migrations, then seed roles, reference data and the strategy catalogue.");
        migrate.SetAction((_, ct) => WithServices(output, error, async services =>
        {
            await DatabaseInitializer.PrepareAsync(services, ct);
            await output.WriteLineAsync("Database migrated and seeded.");
            return 0;
        }));
        root.Subcommands.Add(migrate);

        var email = new Option<string>("--email") { Description = "The administrator's e-mail address (their user name).", Required = true };
        var passwordFile = new Option<FileInfo>("--password-file") { Description = "A file whose first line is the password (keeps it out of the shell history).", Required = true };
        var name = new Option<string?>("--name") { Description = "The name shown in the interface (default: the e-mail address)." };
        var institution = new Option<string?>("--institution") { Description = $"The code of the administrator's institution (default: {Institution.DefaultAdministratorInstitutionCode})." };
        var create = new Command("create", "Create a system administrator account.") { email, passwordFile, name, institution };
        create.SetAction((parse, ct) => WithServices(output, error, async services =>
        {
            var file = parse.GetValue(passwordFile)!;
            if (!file.Exists)
            {
                await error.WriteLineAsync($"The password file '{file.FullName}' does not exist.");
                return 2;
            }

            var password = (await File.ReadAllLinesAsync(file.FullName, ct)).FirstOrDefault()?.TrimEnd('\r') ?? "";
            await DatabaseInitializer.PrepareAsync(services, ct);
            var address = parse.GetValue(email)!.Trim();
            var result = await services.GetRequiredService<FirstAdministratorSetup>().CreateAdministratorAsync(
                new NewAdministrator(address, password, parse.GetValue(name)?.Trim() ?? address, parse.GetValue(institution)), ct);
            if (!result.Succeeded)
            {
                await error.WriteLineAsync($"The administrator was not created: {string.Join(" ", result.Errors.Select(IdentityMessages.For))}");
                return 1;
            }

            await output.WriteLineAsync($"Administrator {address} created.");
            return 0;
        }));
        root.Subcommands.Add(new Command("admin", "Manage administrator accounts.") { create });

        // Each module's commands (spona seed reference, spona strategy import, ...), in the modules' order.
        foreach (var command in SponaModules.All.SelectMany(m => m.Commands(output, error)))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(TokenCommands.Create(output, error));
        root.Subcommands.Add(Protection.KeyCommands.Create(output, error));
        root.Subcommands.Add(Audit.AuditCommands.Create(output, error));
        root.Subcommands.Add(Jobs.JobCommands.Create(output, error));

        var parseResult = root.Parse(args);
        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    internal static async Task<int> WithServices(TextWriter output, TextWriter error, Func<IServiceProvider, Task<int>> action)
    {
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            builder.Logging.ClearProviders();
            builder.AddSponaCore();
            using var host = builder.Build();
            await using var scope = host.Services.CreateAsyncScope();
            var exitCode = await action(scope.ServiceProvider);
            // The command line runs no background sealer: what this command wrote is sealed before it exits (ADR 0017).
            if (host.Services.GetRequiredService<Audit.AuditSealSignal>().Written)
            {
                await host.Services.GetRequiredService<Audit.AuditSealer>().SealPendingAsync(CancellationToken.None);
            }

            return exitCode;
        }
        catch (StartupConfigurationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Operators get the reason in one line, not a stack trace.
            await error.WriteLineAsync($"The command failed: {ex.Message}");
            return 1;
        }
        finally
        {
            await output.FlushAsync();
        }
    }
}
